package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.redeem.Refusal;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.utils.AuthenticationFlowResolver;
import org.keycloak.protocol.RestartLoginCookie;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * S6: an invite to an existing account is accepted only by that account's own sign-in. Sends the browser
 * into the realm's browser flow (whatever it requires: password, OTP, passkey, identity providers) with
 * the invited address as login hint; {@link InviteAcceptRequiredAction} counts the use and attaches the grant
 * once that very account has authenticated. Nothing is used here.
 */
final class SignInToAccept {

    private static final Logger LOG = Logger.getLogger(SignInToAccept.class);

    private SignInToAccept() {
    }

    static Response start(Redemption r, AuthenticationSessionModel authSession, EventBuilder event) {
        KeycloakSession session = r.session;
        if (!acceptActionEnabled(r.realm)) {
            LOG.warnf("the required action %s is disabled in realm %s: invites to existing accounts cannot be accepted",
                    InviteAcceptRequiredActionFactory.ID, r.realm.getName());
            r.refused(event, Refusal.INVALID_TOKEN.reason());
            return InvitePages.message(r, authSession, Refusal.INVALID_TOKEN, null, null);
        }
        authSession.setAuthNote(SessionNotes.ACCEPT_AFTER_SIGN_IN, r.invite.getId());
        authSession.addRequiredAction(InviteAcceptRequiredActionFactory.ID);
        authSession.setClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM, r.invite.getEmail());
        authSession.setAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH, LoginActionsService.AUTHENTICATE_PATH);
        AuthenticationProcessor processor = new AuthenticationProcessor()
                .setAuthenticationSession(authSession)
                .setFlowPath(LoginActionsService.AUTHENTICATE_PATH)
                .setFlowId(AuthenticationFlowResolver.resolveBrowserFlow(authSession).getId())
                .setBrowserFlow(true)
                .setConnection(session.getContext().getConnection())
                .setEventBuilder(event.clone().event(EventType.LOGIN))
                .setRealm(r.realm)
                .setSession(session)
                .setUriInfo(session.getContext().getUri())
                .setRequest(session.getContext().getHttpRequest());
        RestartLoginCookie.setRestartCookie(session, authSession);
        LOG.debugf("invite %s: existing account asked to sign in", r.invite.getId());
        return processor.redirectToFlow();
    }

    /**
     * Keycloak runs only the required actions a realm has registered and enabled: ours is registered the
     * first time a realm needs it; an administrator who disabled it has turned this way of accepting off.
     */
    private static boolean acceptActionEnabled(RealmModel realm) {
        RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(InviteAcceptRequiredActionFactory.ID);
        if (model == null) {
            model = new RequiredActionProviderModel();
            model.setAlias(InviteAcceptRequiredActionFactory.ID);
            model.setProviderId(InviteAcceptRequiredActionFactory.ID);
            model.setName(InviteAcceptRequiredActionFactory.DISPLAY_TEXT);
            model.setEnabled(true);
            model.setDefaultAction(false);
            model.setPriority(Integer.MAX_VALUE);
            realm.addRequiredActionProvider(model);
            return true;
        }
        return model.isEnabled();
    }
}
