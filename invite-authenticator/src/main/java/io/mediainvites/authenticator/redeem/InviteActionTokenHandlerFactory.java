package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.model.token.InviteActionToken;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.authentication.actiontoken.ActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenHandlerFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Registers {@link InviteActionTokenHandler} for invite links; its id is the token type, as Keycloak requires. */
public class InviteActionTokenHandlerFactory implements ActionTokenHandlerFactory<InviteActionToken>,
        ServerInfoAwareProviderFactory {

    public static final String ID = InviteActionToken.TOKEN_TYPE;

    @Override
    public ActionTokenHandler<InviteActionToken> create(KeycloakSession session) {
        return new InviteActionTokenHandler();
    }

    @Override
    public String getId() {
        return ID;
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
    public Map<String, String> getOperationalInfo() {
        return ExtensionInfo.get().operationalInfo();
    }
}
