package io.mediainvites.authenticator.exchange;

import io.mediainvites.authenticator.session.InviteSession;
import io.mediainvites.core.redeem.Refusal;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.representations.IDToken;
import org.keycloak.services.CorsErrorResponseException;

/**
 * Refuses token exchange whose subject token belongs to an invite-only session (S7), whichever exchange
 * Keycloak would run (standard or legacy): it is asked first and claims exactly those requests. Tokens of
 * real sign-ins, and subject tokens it cannot read, are left to Keycloak's own providers, which verify them.
 */
public class InviteTokenExchangeGuard implements TokenExchangeProvider {

    @Override
    public boolean supports(TokenExchangeContext context) {
        return sessionOf(context) != null;
    }

    @Override
    public Response exchange(TokenExchangeContext context) {
        context.getEvent().detail("reason", "invite_only_session").error(Refusal.INVITE_SESSION_LIMITED.reason());
        throw new CorsErrorResponseException(context.getCors(), OAuthErrorException.ACCESS_DENIED,
                "Tokens of an invite session cannot be exchanged.", Response.Status.FORBIDDEN);
    }

    /** The invite-only session the subject token names, or null. The signature is checked by whoever exchanges it. */
    private static UserSessionModel sessionOf(TokenExchangeContext context) {
        String subjectToken = context.getParams().getSubjectToken();
        if (subjectToken == null || subjectToken.isBlank()) {
            return null;
        }
        String sid;
        try {
            sid = TokenVerifier.create(subjectToken, IDToken.class).getToken().getSessionId();
        } catch (VerificationException | RuntimeException e) {
            return null;
        }
        if (sid == null) {
            return null;
        }
        UserSessionModel userSession = context.getSession().sessions().getUserSession(context.getRealm(), sid);
        return InviteSession.isInviteOnly(userSession) ? userSession : null;
    }

    @Override
    public void close() {
    }
}
