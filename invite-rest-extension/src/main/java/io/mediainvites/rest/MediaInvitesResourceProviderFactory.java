package io.mediainvites.rest;

import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.model.jobs.ClusterJobs;
import io.mediainvites.rest.reminder.InviteReminders;
import java.time.Duration;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers {@code /realms/{realm}/media-invites}. Holds no request state. */
public class MediaInvitesResourceProviderFactory
        implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "media-invites";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new MediaInvitesResourceProvider(session);
    }

    /** How often due reminders are sent ({@code --spi-realm-restapi-extension--media-invites--reminder-interval-seconds}). */
    static final int DEFAULT_REMINDER_INTERVAL_SECONDS = 15;

    private int reminderIntervalSeconds = DEFAULT_REMINDER_INTERVAL_SECONDS;

    @Override
    public void init(Config.Scope config) {
        reminderIntervalSeconds = config.getInt("reminderIntervalSeconds", DEFAULT_REMINDER_INTERVAL_SECONDS);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // R13: reminders of live invites, once per cluster per interval
        ClusterJobs.schedule(factory, new InviteReminders(), Duration.ofSeconds(reminderIntervalSeconds));
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ExtensionInfo.get().operationalInfo();
    }
}
