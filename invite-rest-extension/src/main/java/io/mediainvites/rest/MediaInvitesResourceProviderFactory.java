package io.mediainvites.rest;

import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.model.jobs.ClusterJobs;
import io.mediainvites.model.webhook.WebhookDelivery;
import io.mediainvites.model.webhook.WebhookSettings;
import java.time.Duration;
import org.keycloak.common.util.Environment;
import io.mediainvites.rest.reminder.InviteReminders;
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

    private WebhookSettings webhooks = WebhookSettings.defaults(Environment.isDevMode());

    /**
     * Webhook delivery (O11): {@code --spi-realm-restapi-extension--media-invites--webhook-interval-seconds},
     * {@code …--webhook-first-retry-millis}, {@code …--webhook-allow-http-loopback} (default: only in
     * {@code start-dev}).
     */
    @Override
    public void init(Config.Scope config) {
        WebhookSettings defaults = WebhookSettings.defaults(Environment.isDevMode());
        webhooks = new WebhookSettings(
                Duration.ofSeconds(config.getInt("webhookIntervalSeconds", (int) defaults.interval().toSeconds())),
                Duration.ofMillis(config.getLong("webhookFirstRetryMillis", defaults.firstRetryDelay().toMillis())),
                config.getBoolean("webhookAllowHttpLoopback", defaults.allowHttpLoopback()),
                defaults.connectTimeout(), defaults.readTimeout());
        reminderIntervalSeconds = config.getInt("reminderIntervalSeconds", DEFAULT_REMINDER_INTERVAL_SECONDS);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ClusterJobs.schedule(factory, new WebhookDelivery(webhooks), webhooks.interval());
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
