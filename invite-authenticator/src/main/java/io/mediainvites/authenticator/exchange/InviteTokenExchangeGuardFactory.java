package io.mediainvites.authenticator.exchange;

import io.mediainvites.core.ExtensionInfo;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.protocol.oidc.TokenExchangeProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Makes {@link InviteTokenExchangeGuard}, ordered before Keycloak's own token-exchange providers. */
public class InviteTokenExchangeGuardFactory implements TokenExchangeProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "media-invite-exchange-guard";
    /** Keycloak asks providers by descending order; its own use small numbers. */
    static final int ORDER = 1000;
    private static final InviteTokenExchangeGuard SINGLETON = new InviteTokenExchangeGuard();

    @Override
    public TokenExchangeProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        // no configuration
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ExtensionInfo.get().operationalInfo();
    }
}
