package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.media.LivePhase;
import io.mediainvites.core.policy.ConfirmationMode;
import io.mediainvites.core.redeem.InviteeEntry;
import io.mediainvites.core.redeem.MediaGrant;
import io.mediainvites.core.redeem.RedemptionRules;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.model.http.FormBody;
import io.mediainvites.model.http.RequestContentType;
import io.mediainvites.model.metrics.InviteMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code POST /realms/{realm}/media-invite/redeem}: the invitee's explicit action on the landing or lobby
 * page. Bound to this browser's authentication session and a one-time form value, so a prefetched or
 * replayed request redeems nothing (R1). A guest is signed in by the link (R7) into a contained invite-only
 * session; an existing account is sent to the realm's own sign-in first, and the invite attaches only once
 * that account has authenticated (S6, {@link InviteAcceptRequiredAction}). Uses are counted atomically (R2,
 * S2) and bound to the device (R3); a session of the same user is joined (R8).
 */
public class RedeemResource {

    private static final Logger LOG = Logger.getLogger(RedeemResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Duration codeLifetime;

    public RedeemResource(KeycloakSession session, Duration codeLifetime) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.codeLifetime = codeLifetime;
    }

    /** R13: the calendar entry of a live invite, for the holder of its link; changes nothing. */
    @jakarta.ws.rs.GET
    @Path("calendar")
    public Response calendar(@QueryParam("key") String key) {
        return CalendarDownload.download(session, key);
    }

    @POST
    @Path("redeem")
    public Response redeem(@QueryParam("client_id") String clientId, @QueryParam("tab_id") String tabId,
            String body) {
        InviteMetrics.timeRedemption(session);
        // S13: the form is read raw, so a malformed one (e.g. "%%%") is an empty form, refused as incomplete (400);
        // an unparseable Content-Type must not break Keycloak's security-headers filter
        return RequestContentType.guard(session, redeem(clientId, tabId, FormBody.parse(body)));
    }

    /** {@code GET entry}: the standard entry after a redemption (R11, {@link ThirdPartyLogin}). */
    @GET
    @Path(ThirdPartyLogin.PATH)
    public Response entry(@QueryParam("client_id") String clientId, @QueryParam("target_link_uri") String target) {
        return new ThirdPartyLogin(session).enter(clientId, target);
    }

    private Response redeem(String clientId, String tabId, MultivaluedMap<String, String> form) {
        // Issue 14 item 6: refusal events are stored in this request's transaction (committed with the page), not
        // in the separate transaction Keycloak uses by default for errors, which needs a second connection while this
        // request holds one: under a storm of POSTs that is how a node's pool deadlocks.
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.EXECUTE_ACTION_TOKEN)
                .detail(Details.ACTION, "media-invite")
                .storeImmediately(false);
        String nonce = form.getFirst("nonce");
        AuthenticationSessionModel authSession = boundAuthSession(clientId, tabId, nonce);
        if (authSession == null) {
            // the same POST again after its answer was lost (item 7): completes without another use, or null
            Response retried = LostAnswerRetry.attempt(session, clientId, tabId, nonce, event, Instant.now());
            if (retried != null) {
                return retried;
            }
        }
        Optional<Redemption> loaded = Redemption.load(session,
                authSession == null ? null : authSession.getAuthNote(SessionNotes.INVITE_ID));
        if (authSession == null || loaded.isEmpty()) {
            event.error(Refusal.SESSION_EXPIRED.reason());
            return InvitePages.message(session, authSession, Refusal.SESSION_EXPIRED, null, null);
        }
        Redemption r = loaded.get();
        event.client(authSession.getClient()).user(r.invite.getUserId()).detail("invite_id", r.invite.getId())
                .detail("media_id", r.invite.getMediaId());
        Instant now = Instant.now();

        String action = form.getFirst("action");
        boolean moved = false;
        if (DeviceMove.isMoveAction(action)) {
            // R15: the move of the device binding to this browser, offered by the device-mismatch page
            Response page = new DeviceMove(session, r, authSession, event, codeLifetime)
                    .handle(action, form.getFirst("code"), now);
            if (page != null) {
                return page;
            }
            moved = true;
        } else {
            Optional<Refusal> refused = stillRedeemable(r, now);
            if (refused.isPresent()) {
                return refuse(event, r, authSession, refused.get());
            }
        }
        Response notOpen = liveGate(r, authSession, event, now);
        if (notOpen != null) {
            return notOpen;
        }
        if (r.signInNeeded(authSession)) {
            return SignInToAccept.start(r, authSession, event);
        }
        // a moved browser has just proven the mailbox with a mailed code: no further address confirmation
        Response confirming = moved ? null : confirmAddress(r, authSession, event, form, now);
        if (confirming != null) {
            return confirming;
        }
        return accept(r, authSession, event, nonce, now);
    }

    /**
     * The authentication session this POST belongs to, if its one-time form value matches; the value is used
     * up at once (one POST per page view).
     */
    private AuthenticationSessionModel boundAuthSession(String clientId, String tabId, String nonce) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        AuthenticationSessionModel authSession = client == null || tabId == null ? null
                : new AuthenticationSessionManager(session).getCurrentAuthenticationSession(realm, client, tabId);
        if (authSession == null || !nonceMatches(authSession, nonce)) {
            return null;
        }
        authSession.removeAuthNote(SessionNotes.FORM_NONCE);
        session.getContext().setAuthenticationSession(authSession);
        return authSession;
    }

    /** The link, account and device rules again (R2, R3, R9, R10, S6, S12), and the signed-in account (R4). */
    private static Optional<Refusal> stillRedeemable(Redemption r, Instant now) {
        Optional<Refusal> refused = r.refusal(DeviceCookie.hashOf(DeviceCookie.read(r.session)), now);
        UserSessionModel signedIn = r.signedInSession();
        if (refused.isEmpty() && signedIn != null) {
            refused = RedemptionRules.checkSignedInEmail(r.email(), signedIn.getUser().getEmail());
        }
        return refused;
    }

    /** Live media (R6): nothing is used before the start (back to the countdown) or after the end. */
    private Response liveGate(Redemption r, AuthenticationSessionModel authSession, EventBuilder event, Instant now) {
        LivePhase phase = r.phase(now);
        if (phase == LivePhase.ENDED) {
            return refuse(event, r, authSession, Refusal.MEDIA_ENDED);
        }
        if (phase == LivePhase.BEFORE_START) {
            return InvitePages.invite(r, authSession, phase, null, null, now);
        }
        return null;
    }

    /**
     * The address confirmation the realm asks for (R4), or the mailed code that admits an existing account
     * where the policy accepts codes (S6). A real sign-in needs neither. Null when confirmed.
     */
    private Response confirmAddress(Redemption r, AuthenticationSessionModel authSession, EventBuilder event,
            MultivaluedMap<String, String> form, Instant now) {
        if (r.entry() == InviteeEntry.SIGN_IN) {
            return null;
        }
        if (r.entry() == InviteeEntry.CODE || r.policy.confirmation() == ConfirmationMode.CODE) {
            return new CodeConfirmation(session, r, authSession, event, codeLifetime,
                    CodeConfirmation.confirmation(r, authSession, now)).handle(form.getFirst("action"), form.getFirst("code"), now);
        }
        if (r.policy.confirmation() == ConfirmationMode.TYPED) {
            Optional<Refusal> typed = RedemptionRules.checkTypedEmail(r.email(), form.getFirst("email"));
            if (typed.isPresent()) {
                return refuse(event, r, authSession, typed.get());
            }
        }
        return null;
    }

    /** Counts the use, attaches the grant and signs the invitee in to the media app: with a code, or
     * through the standard entry where the app declares an initiate-login URI (R7, R11). */
    private Response accept(Redemption r, AuthenticationSessionModel authSession, EventBuilder event, String nonce,
            Instant now) {
        Acceptance acceptance = new Acceptance(r, authSession);
        Optional<Refusal> lost = acceptance.countUse(now);
        if (lost.isPresent() && lost.get() == Refusal.BUSY) {
            return busy(event, r, authSession, nonce);
        }
        if (lost.isPresent()) {
            return refuse(event, r, authSession, lost.get());
        }
        UserSessionModel joined = r.joinable(authSession);
        String amr = authSession.getAuthNote(SessionNotes.CODE_PROVEN) != null ? "invite otp" : "invite";
        MediaGrant grant = acceptance.attachGrant(joined, r.entry().inviteOnlySession(), amr, now);
        acceptance.writeRetryReceipt(nonce, joined == null ? authSession.getParentSession().getId() : null, amr, now);
        authSession.setAuthenticatedUser(r.invitee());
        authSession.removeAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS);
        AuthenticationManager.setClientScopesInSession(session, authSession);
        ThirdPartyLogin.routeThroughEntry(session, authSession);

        event.clone().event(EventType.EXECUTE_ACTION_TOKEN).detail("role", grant.role().wire())
                .detail("joined_session", Boolean.toString(joined != null)).success();
        LOG.debugf("invite %s redeemed for media %s", r.invite.getId(), r.invite.getMediaId());
        return InviteSignIn.complete(session, authSession, event.event(EventType.LOGIN),
                joined == null && r.entry().inviteOnlySession());
    }

    /**
     * Another redemption of this link holds its row (item 6): nothing was used, so the page's one-time form value
     * stays valid and the page offers to send the same form again; 503 with Retry-After, answered at once.
     */
    private Response busy(EventBuilder event, Redemption r, AuthenticationSessionModel authSession, String nonce) {
        event.error(Refusal.BUSY.reason());
        authSession.setAuthNote(SessionNotes.FORM_NONCE, nonce);
        return Response.fromResponse(InvitePages.busy(r, authSession, nonce)).header("Retry-After", "1").build();
    }

    private Response refuse(EventBuilder event, Redemption r, AuthenticationSessionModel authSession, Refusal refusal) {
        r.refused(event, refusal.reason());
        if (refusal == Refusal.EMAIL_MISMATCH) {
            return InvitePages.emailMismatch(session, authSession, refusal.messageKey(), "");
        }
        return InvitePages.message(r, authSession, refusal, null, null);
    }

    private static boolean nonceMatches(AuthenticationSessionModel authSession, String posted) {
        String expected = authSession.getAuthNote(SessionNotes.FORM_NONCE);
        return expected != null && posted != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), posted.getBytes(StandardCharsets.US_ASCII));
    }
}
