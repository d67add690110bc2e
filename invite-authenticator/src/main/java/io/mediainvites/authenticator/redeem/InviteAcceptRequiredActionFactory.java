package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.ExtensionInfo;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** "Accept media invite": registered in a realm the first time an existing account accepts an invite. */
public class InviteAcceptRequiredActionFactory implements RequiredActionFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "media-invite-accept";
    static final String DISPLAY_TEXT = "Accept media invite";
    private static final InviteAcceptRequiredAction SINGLETON = new InviteAcceptRequiredAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayText() {
        return DISPLAY_TEXT;
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
