package io.mediainvites.authenticator.session;

import io.mediainvites.authenticator.redeem.InvitePages;
import io.mediainvites.authenticator.redeem.SessionNotes;
import io.mediainvites.core.redeem.Refusal;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.CookieAuthenticator;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's cookie (SSO) step, except that a session created by an invite is contained (R7, S7): it signs
 * in only to the media app it was created for, only while the invite session lasts, never for offline
 * access, and never starts an account action ({@code kc_action}: password, OTP, passkeys, e-mail change,
 * account deletion, identity-provider linking). For anything else the flow goes on to ask for real
 * credentials, which a guest does not have; an account action gets a clear page.
 */
public class InviteAwareCookieAuthenticator extends CookieAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationManager.AuthResult result =
                AuthenticationManager.authenticateIdentityCookie(context.getSession(), context.getRealm(), true);
        InviteSession invite = result == null ? null : InviteSession.of(result.getSession());
        if (invite != null) {
            AuthenticationSessionModel authSession = context.getAuthenticationSession();
            String action = authSession.getClientNote(Constants.KC_ACTION);
            if (action != null && !action.isBlank()) {
                context.getEvent().clone().event(EventType.LOGIN_ERROR).detail("kc_action", action)
                        .user(result.getUser()).error(Refusal.INVITE_SESSION_LIMITED.reason());
                context.forceChallenge(InvitePages.refusal(context.getSession(), authSession, Refusal.INVITE_SESSION_LIMITED));
                return;
            }
            if (!mayReuse(invite, authSession)) {
                context.attempted();
                return;
            }
        }
        super.authenticate(context);
    }

    /** Whether this authentication request may ride on the invite-only session. */
    static boolean mayReuse(InviteSession invite, AuthenticationSessionModel authSession) {
        return invite.allowsClient(authSession.getClient().getClientId())
                && !invite.endedAt(System.currentTimeMillis() / 1000)
                && !asksForOfflineAccess(authSession.getClientNote(OAuth2Constants.SCOPE))
                // an invite accepted after a real sign-in needs that sign-in, not the invite session
                && authSession.getAuthNote(SessionNotes.ACCEPT_AFTER_SIGN_IN) == null;
    }

    static boolean asksForOfflineAccess(String scope) {
        if (scope == null) {
            return false;
        }
        for (String s : scope.split(" ")) {
            if (OAuth2Constants.OFFLINE_ACCESS.equals(s)) {
                return true;
            }
        }
        return false;
    }
}
