package io.mediainvites.model.metrics;

import io.mediainvites.core.ExtensionInfo;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * {@code media-invites-metrics}: a global event listener (every realm, no realm setting needed) that turns the
 * extension's events into {@link InviteMetrics} counters.
 */
public final class MetricsEventListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "media-invites-metrics";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new MetricsEventListener(session, InviteMetrics.global());
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
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
