package io.mediainvites.authenticator.redeem;

import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The end of a redemption's sign-in: Keycloak makes the user session, the login cookies and the code (or the
 * standard entry). A new <em>invite-only</em> session runs no required actions: the link must never let its
 * holder set a password, configure OTP, change the e-mail or edit the profile of the account (the threat model),
 * and a guest has no profile to complete. Required actions an existing account has pending (entered by a mailed
 * code) stay on the account for its own sign-in. Apps that require consent keep Keycloak's whole path, consent
 * screen included. A joined session and a real sign-in also take Keycloak's whole path.
 */
final class InviteSignIn {

    private InviteSignIn() {
    }

    static Response complete(KeycloakSession session, AuthenticationSessionModel authSession, EventBuilder event,
            boolean newInviteOnlySession) {
        if (newInviteOnlySession && !authSession.getClient().isConsentRequired()) {
            // what Keycloak's required-action step records before it finishes a sign-in without one
            event.detail(Details.CODE_ID, authSession.getParentSession().getId())
                    .detail(Details.CONSENT, Details.CONSENT_VALUE_NO_CONSENT_REQUIRED);
            return AuthenticationManager.finishedRequiredActions(session, authSession, null,
                    session.getContext().getConnection(), session.getContext().getHttpRequest(),
                    session.getContext().getUri(), event);
        }
        return AuthenticationManager.nextActionAfterAuthentication(session, authSession,
                session.getContext().getConnection(), session.getContext().getHttpRequest(),
                session.getContext().getUri(), event);
    }
}
