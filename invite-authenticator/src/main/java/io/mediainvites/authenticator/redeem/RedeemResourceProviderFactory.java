package io.mediainvites.authenticator.redeem;

import io.mediainvites.model.http.ContentTypeRefusal;
import io.mediainvites.model.http.RequestContentType;
import io.mediainvites.authenticator.session.InviteSessionReaper;
import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.model.cleanup.InviteCleanup;
import io.mediainvites.model.jobs.ClusterJobs;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers {@code /realms/{realm}/media-invite} (the redemption form target). */
public class RedeemResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "media-invite";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                // S13: an unparseable Content-Type would make the framework fail before our code runs
                return RequestContentType.unparseable(session) ? new ContentTypeRefusal(session)
                        : new RedeemResource(session, codeLifetime);
            }

            @Override
            public void close() {
                // request-scoped
            }
        };
    }

    /** How often expired invite sessions are ended ({@code --spi-realm-restapi-extension--media-invite--session-reaper-interval-seconds}). */
    static final int DEFAULT_REAPER_INTERVAL_SECONDS = 15;

    private int reaperIntervalSeconds = DEFAULT_REAPER_INTERVAL_SECONDS;

    /** How often ended invites are cleaned up ({@code --spi-realm-restapi-extension--media-invite--cleanup-interval-seconds}). */
    static final int DEFAULT_CLEANUP_INTERVAL_SECONDS = 3600;

    private int cleanupIntervalSeconds = DEFAULT_CLEANUP_INTERVAL_SECONDS;

    /** Validity of a mailed confirmation code ({@code --spi-realm-restapi-extension--media-invite--code-lifetime-seconds}). */
    static final int DEFAULT_CODE_LIFETIME_SECONDS = 600;

    private java.time.Duration codeLifetime = java.time.Duration.ofSeconds(DEFAULT_CODE_LIFETIME_SECONDS);

    @Override
    public void init(Config.Scope config) {
        reaperIntervalSeconds = config.getInt("sessionReaperIntervalSeconds", DEFAULT_REAPER_INTERVAL_SECONDS);
        cleanupIntervalSeconds = config.getInt("cleanupIntervalSeconds", DEFAULT_CLEANUP_INTERVAL_SECONDS);
        codeLifetime = java.time.Duration.ofSeconds(config.getInt("codeLifetimeSeconds", DEFAULT_CODE_LIFETIME_SECONDS));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ClusterJobs.schedule(factory, new InviteSessionReaper(), java.time.Duration.ofSeconds(reaperIntervalSeconds));
        ClusterJobs.schedule(factory, new InviteCleanup(factory), java.time.Duration.ofSeconds(cleanupIntervalSeconds));
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
