package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.media.LivePhase;
import io.mediainvites.core.policy.ConfirmationMode;
import io.mediainvites.core.redeem.MediaGrant;
import io.mediainvites.core.redeem.MediaGrants;
import io.mediainvites.core.redeem.RedemptionRules;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.core.media.InviteRole;
import io.mediainvites.model.jpa.InviteSessionEntity;
import io.mediainvites.model.metrics.InviteMetrics;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code POST /realms/{realm}/media-invite/redeem}: the invitee's explicit action on the landing or lobby
 * page. Bound to this browser's authentication session and a one-time form value, so a prefetched or
 * replayed request redeems nothing (R1). Counts the use atomically (R2, S2), binds the device (R3), and
 * signs the invitee in to the media app with an authorization code (R7), joining a session of the same
 * user where there is one (R8).
 */
public class RedeemResource {

    private static final Logger LOG = Logger.getLogger(RedeemResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final java.time.Duration codeLifetime;

    public RedeemResource(KeycloakSession session, java.time.Duration codeLifetime) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.codeLifetime = codeLifetime;
    }

    @POST
    @Path("redeem")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response redeem(@QueryParam("client_id") String clientId, @QueryParam("tab_id") String tabId,
            MultivaluedMap<String, String> form) {
        InviteMetrics.timeRedemption(session);
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.EXECUTE_ACTION_TOKEN)
                .detail(Details.ACTION, "media-invite");
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        AuthenticationSessionModel authSession = client == null || tabId == null ? null
                : new AuthenticationSessionManager(session).getCurrentAuthenticationSession(realm, client, tabId);
        String inviteId = authSession == null ? null : authSession.getAuthNote(SessionNotes.INVITE_ID);
        Optional<Redemption> loaded = Redemption.load(session, inviteId);
        if (authSession == null || loaded.isEmpty() || !nonceMatches(authSession, form.getFirst("nonce"))) {
            event.error(Refusal.SESSION_EXPIRED.reason());
            return InvitePages.message(session, authSession, Refusal.SESSION_EXPIRED, null, null);
        }
        authSession.removeAuthNote(SessionNotes.FORM_NONCE); // one POST per page view
        session.getContext().setAuthenticationSession(authSession);
        Redemption r = loaded.get();
        event.client(client).user(r.invite.getUserId()).detail("invite_id", r.invite.getId())
                .detail("media_id", r.invite.getMediaId());

        Instant now = Instant.now();
        String deviceValue = DeviceCookie.read(session);
        Optional<Refusal> refused = r.refusal(DeviceCookie.hashOf(deviceValue), now);
        UserSessionModel signedIn = signedInSession();
        if (refused.isEmpty() && signedIn != null) {
            refused = RedemptionRules.checkSignedInEmail(r.email(), signedIn.getUser().getEmail());
        }
        if (refused.isEmpty() && r.policy.confirmation() == ConfirmationMode.TYPED) {
            refused = RedemptionRules.checkTypedEmail(r.email(), form.getFirst("email"));
        }
        if (refused.isEmpty() && r.policy.confirmation() == ConfirmationMode.CODE) {
            Response codeStep = new CodeConfirmation(session, r, authSession, event, codeLifetime)
                    .handle(form.getFirst("action"), form.getFirst("code"), now);
            if (codeStep != null) {
                return codeStep; // a code was sent, or the entered one was not accepted
            }
        }
        if (refused.isEmpty()) {
            LivePhase phase = r.phase(now);
            if (phase == LivePhase.ENDED) {
                refused = Optional.of(Refusal.MEDIA_ENDED);
            } else if (phase == LivePhase.BEFORE_START) {
                // not open yet: back to the countdown, nothing used
                return InvitePages.invite(r, authSession, phase, null, null, now);
            }
        }
        if (refused.isPresent()) {
            return refuse(event, r, authSession, refused.get());
        }

        String deviceHash = null;
        if (r.policy.deviceBinding()) {
            if (deviceValue == null) {
                deviceValue = DeviceCookie.newValue();
            }
            deviceHash = DeviceCookie.hashOf(deviceValue);
        }
        if (!r.store.redeemAtomically(r.invite.getId(), deviceHash, now.toEpochMilli())) {
            // lost a race for the last use, or the invite changed since the page was shown
            r.store.refresh(r.invite);
            Refusal why = r.refusal(deviceHash, now).orElse(Refusal.USED_UP);
            return refuse(event, r, authSession, why);
        }
        if (deviceHash != null) {
            DeviceCookie.write(session, realm, deviceValue);
        }

        UserModel invitee = r.invitee();
        long sessionEnd = now.plus(r.policy.sessionLength()).getEpochSecond();
        MediaGrant grant = new MediaGrant(client.getClientId(), r.invite.getMediaId(),
                InviteRole.fromWire(r.invite.getRole()), r.invite.getId(), sessionEnd);
        boolean joins = signedIn != null && signedIn.getUser().getId().equals(invitee.getId())
                && signedIn.getId().equals(authSession.getParentSession().getId());
        MediaGrants grants = MediaGrants.parse(joins ? signedIn.getNote(SessionNotes.GRANTS) : null).add(grant);
        authSession.setUserSessionNote(SessionNotes.GRANTS, grants.serialise());
        if (joins) {
            // the app sees the (upgraded) grant on its next refresh, without a new sign-in (R8)
            signedIn.setNote(SessionNotes.GRANTS, grants.serialise());
        } else {
            authSession.setUserSessionNote(SessionNotes.INVITE_ONLY, "true");
            authSession.setUserSessionNote(SessionNotes.CLIENT, client.getClientId());
            authSession.setUserSessionNote(SessionNotes.EXPIRES, Long.toString(sessionEnd));
            // the user session takes the root authentication session's id; it is ended at sessionEnd
            InviteSessionEntity tracked = new InviteSessionEntity();
            tracked.setUserSessionId(authSession.getParentSession().getId());
            tracked.setRealmId(realm.getId());
            tracked.setClientId(client.getId());
            tracked.setMediaId(r.invite.getMediaId());
            tracked.setInviteId(r.invite.getId());
            tracked.setExpiresAt(sessionEnd * 1000);
            r.store.persist(tracked);
        }
        authSession.setAuthenticatedUser(invitee);
        authSession.removeAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS);
        AuthenticationManager.setClientScopesInSession(session, authSession);

        event.clone().event(EventType.EXECUTE_ACTION_TOKEN).detail("role", grant.role().wire())
                .detail("joined_session", Boolean.toString(joins)).success();
        LOG.debugf("invite %s redeemed for media %s", r.invite.getId(), r.invite.getMediaId());
        return AuthenticationManager.nextActionAfterAuthentication(session, authSession,
                session.getContext().getConnection(), session.getContext().getHttpRequest(),
                session.getContext().getUri(), event.event(EventType.LOGIN));
    }

    private Response refuse(EventBuilder event, Redemption r, AuthenticationSessionModel authSession, Refusal refusal) {
        event.error(refusal.reason());
        if (refusal == Refusal.EMAIL_MISMATCH) {
            return InvitePages.emailMismatch(session, authSession, refusal.messageKey(), "");
        }
        return InvitePages.message(r, authSession, refusal, null, null);
    }

    private UserSessionModel signedInSession() {
        AuthenticationManager.AuthResult result = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        return result == null ? null : result.getSession();
    }

    private static boolean nonceMatches(AuthenticationSessionModel authSession, String posted) {
        String expected = authSession.getAuthNote(SessionNotes.FORM_NONCE);
        return expected != null && posted != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), posted.getBytes(StandardCharsets.US_ASCII));
    }
}
