package io.mediainvites.authenticator.session;

import io.mediainvites.authenticator.redeem.SessionNotes;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.CookieAuthenticator;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Keycloak's cookie (SSO) step, except that a session created by an invite only signs in to the media app
 * it was created for (R7): for any other client the flow goes on to ask for real credentials.
 */
public class InviteAwareCookieAuthenticator extends CookieAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationManager.AuthResult result =
                AuthenticationManager.authenticateIdentityCookie(context.getSession(), context.getRealm(), true);
        if (result != null && !InviteSessionScope.allows(result.getSession(), context.getAuthenticationSession().getClient().getClientId())) {
            context.attempted();
            return;
        }
        super.authenticate(context);
    }

    /** Which clients an invite-only session may reach: only its own media app. */
    static final class InviteSessionScope {
        private InviteSessionScope() {
        }

        static boolean allows(UserSessionModel session, String clientId) {
            if (!"true".equals(session.getNote(SessionNotes.INVITE_ONLY))) {
                return true;
            }
            return clientId.equals(session.getNote(SessionNotes.CLIENT));
        }
    }
}
