package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.redeem.MediaGrant;
import io.mediainvites.core.redeem.Refusal;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Accepts an invite after an existing account's own sign-in (S6): runs once the realm's browser flow has
 * authenticated someone in the authentication session that {@link SignInToAccept} started. Only the invited
 * account gets it: anyone else signing in there is refused and nothing is used. The invite's rules are
 * checked again (it may have been revoked while the invitee typed a password), then the use is counted and
 * the grant attached to the real session the sign-in ends in (R8).
 */
public class InviteAcceptRequiredAction implements RequiredActionProvider {

    private static final Logger LOG = Logger.getLogger(InviteAcceptRequiredAction.class);

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // only ever added to the authentication session by SignInToAccept
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        KeycloakSession session = context.getSession();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String inviteId = authSession.getAuthNote(SessionNotes.ACCEPT_AFTER_SIGN_IN);
        EventBuilder event = context.getEvent().clone().event(EventType.EXECUTE_ACTION_TOKEN)
                .detail(Details.ACTION, "media-invite").detail("invite_id", inviteId)
                // stored with this request's transaction, never through a second connection (issue 14 item 6)
                .storeImmediately(false);
        Optional<Redemption> loaded = Redemption.load(session, inviteId);
        if (loaded.isEmpty()) {
            event.error(Refusal.INVALID_TOKEN.reason());
            context.challenge(InvitePages.message(session, authSession, Refusal.INVALID_TOKEN, null, null));
            return;
        }
        Redemption r = loaded.get();
        event.detail("media_id", r.invite.getMediaId()).user(context.getUser());
        Instant now = Instant.now();
        Optional<Refusal> refused = accountMatches(r, context.getUser())
                .or(() -> r.refusal(DeviceCookie.hashOf(DeviceCookie.read(session)), now));
        Acceptance acceptance = new Acceptance(r, authSession);
        if (refused.isEmpty()) {
            refused = acceptance.countUse(now);
        }
        if (refused.isPresent()) {
            r.refused(event, refused.get().reason());
            context.challenge(refusalPage(r, authSession, refused.get()));
            return;
        }
        UserSessionModel continued = session.sessions().getUserSession(r.realm, authSession.getParentSession().getId());
        if (continued != null && (continued.getUser() == null || !continued.getUser().getId().equals(context.getUser().getId()))) {
            continued = null;
        }
        MediaGrant grant = acceptance.attachGrant(continued, false, null, now);
        authSession.removeAuthNote(SessionNotes.ACCEPT_AFTER_SIGN_IN);
        event.detail("role", grant.role().wire()).detail("signed_in", "true").success();
        LOG.debugf("invite %s accepted after sign-in", r.invite.getId());
        ThirdPartyLogin.routeThroughEntry(session, authSession);
        context.success();
    }

    /** Whoever signed in must be the account the invite is for (R4). */
    private static Optional<Refusal> accountMatches(Redemption r, UserModel signedIn) {
        return signedIn != null && signedIn.getId().equals(r.invite.getUserId())
                ? Optional.empty() : Optional.of(Refusal.EMAIL_MISMATCH);
    }

    private static Response refusalPage(Redemption r, AuthenticationSessionModel authSession, Refusal refusal) {
        if (refusal == Refusal.EMAIL_MISMATCH) {
            return InvitePages.emailMismatch(r.session, authSession, refusal.messageKey(), "");
        }
        return InvitePages.message(r, authSession, refusal, null, null);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        // the challenge is a refusal page without a form; a POST here just shows it again
        requiredActionChallenge(context);
    }

    @Override
    public void close() {
    }
}
