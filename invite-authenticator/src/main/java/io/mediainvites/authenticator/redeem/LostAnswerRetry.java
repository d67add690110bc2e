package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.media.LivePhase;
import io.mediainvites.core.redeem.MediaGrant;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.core.redeem.RetryReceipt;
import io.mediainvites.model.jpa.RedeemRetryEntity;
import io.mediainvites.model.store.InviteStore;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.cookie.CookieProvider;
import org.keycloak.cookie.CookieType;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.StickySessionEncoderProvider;

/**
 * Redemption step (issue 14 item 7): the same POST again after its answer was lost. The node that counted the use
 * committed it together with a receipt ({@link RetryReceipt}, {@link Acceptance#writeRetryReceipt}) and died before
 * the browser got its redirect; the browser (or its user pressing reload) sends the very same form again, to any
 * node. Its authentication session and one-time form value were used up by that commit, so the POST is not bound;
 * this step then looks for the receipt under the key only this browser can form (its HttpOnly authentication-session
 * cookie, the tab, the posted value). Found within the window and claimed without waiting, it ends the session of
 * the lost answer, moves the device binding to a new device cookie, and signs the browser in with the invite's grant
 * in a new authentication session, all without counting a use. Anything else (no cookie, no receipt, expired,
 * claimed by a parallel retry) falls through to the ordinary "page expired" answer.
 */
final class LostAnswerRetry {

    private static final Logger LOG = Logger.getLogger(LostAnswerRetry.class);

    private LostAnswerRetry() {
    }

    /** The sign-in completing a lost answer, a refusal of it, or null when this POST is no such retry. */
    static Response attempt(KeycloakSession session, String clientId, String tabId, String nonce, EventBuilder event,
            Instant now) {
        RealmModel realm = session.getContext().getRealm();
        String key = RetryReceipt.key(rootSessionIdFromCookie(session), tabId, nonce);
        if (key == null || clientId == null) {
            return null;
        }
        InviteStore store = InviteStore.of(session);
        Optional<RedeemRetryEntity> claimed = store.claimRetryReceipt(key, now.toEpochMilli())
                .filter(receipt -> receipt.getRealmId().equals(realm.getId()));
        if (claimed.isEmpty()) {
            return null;
        }
        RedeemRetryEntity receipt = claimed.get();
        Optional<Redemption> loaded = Redemption.load(session, receipt.getInviteId());
        if (loaded.isEmpty() || loaded.get().client == null || !loaded.get().client.getClientId().equals(clientId)) {
            return null;
        }
        Redemption r = loaded.get();
        if (!store.lockWithoutWaiting(r.invite.getId())) {
            // another redemption of the link holds its row: the receipt stays for the next try (item 6)
            event.error(Refusal.BUSY.reason());
            return Response.fromResponse(InvitePages.message(r, null, Refusal.BUSY, null, null))
                    .header("Retry-After", "1").build();
        }
        store.remove(receipt); // once: a parallel retry finds it locked or gone
        event.client(r.client).user(r.invite.getUserId()).detail("invite_id", r.invite.getId())
                .detail("media_id", r.invite.getMediaId()).detail("lost_answer_retry", "true");
        Optional<Refusal> refused = r.refusalOfRetry(now);
        if (refused.isEmpty() && r.phase(now) == LivePhase.ENDED) {
            refused = Optional.of(Refusal.MEDIA_ENDED);
        }
        endLostSession(r, store, receipt.getUserSessionId());
        if (refused.isPresent()) {
            event.error(refused.get().reason());
            return InvitePages.message(r, null, refused.get(), null, null);
        }
        AuthenticationSessionModel authSession = freshAuthSession(session, realm, r.client, r);
        rebindDevice(r, store, receipt.getDeviceHash());
        Acceptance acceptance = new Acceptance(r, authSession);
        MediaGrant grant = acceptance.attachGrant(null, r.entry().inviteOnlySession(), receipt.getAmr(), now);
        authSession.setAuthenticatedUser(r.invitee());
        authSession.removeAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS);
        AuthenticationManager.setClientScopesInSession(session, authSession);
        event.clone().event(EventType.EXECUTE_ACTION_TOKEN).detail("role", grant.role().wire())
                .detail("joined_session", "false").success();
        LOG.debugf("invite %s: a lost answer completed by its retry, no use counted", r.invite.getId());
        return InviteSignIn.complete(session, authSession, event.event(EventType.LOGIN), r.entry().inviteOnlySession());
    }

    /** The root authentication-session id this browser's cookie names (signature checked), or null. */
    private static String rootSessionIdFromCookie(KeycloakSession session) {
        String cookie = session.getProvider(CookieProvider.class).get(CookieType.AUTH_SESSION_ID);
        if (cookie == null || cookie.isBlank()) {
            return null;
        }
        // the cookie is the signed id, base64-encoded, followed by the node's route (".node")
        String signed = session.getProvider(StickySessionEncoderProvider.class).decodeSessionId(cookie);
        String decoded = signed == null ? null
                : new AuthenticationSessionManager(session).decodeBase64AndValidateSignature(signed);
        return decoded == null || decoded.isBlank() ? null : decoded;
    }

    /** The session the lost answer signed in (nobody received its cookie) ends; a joined session stays. */
    private static void endLostSession(Redemption r, InviteStore store, String userSessionId) {
        if (userSessionId == null) {
            return;
        }
        UserSessionModel lost = r.session.sessions().getUserSession(r.realm, userSessionId);
        if (lost != null && lost.getUser() != null && lost.getUser().getId().equals(r.invite.getUserId())) {
            r.session.sessions().removeUserSession(r.realm, lost);
        }
        store.findSession(userSessionId).ifPresent(store::remove);
    }

    /** A new authentication session (and cookie) in this browser for the invite's app, as the link's GET makes. */
    private static AuthenticationSessionModel freshAuthSession(KeycloakSession session, RealmModel realm,
            ClientModel client, Redemption r) {
        AuthenticationSessionModel authSession = new AuthenticationSessionManager(session)
                .createAuthenticationSession(realm, true).createAuthenticationSession(client);
        InviteActionTokenHandler.prepare(session, realm, authSession, r.invite.getRedirectUri());
        authSession.setAuthNote(SessionNotes.INVITE_ID, r.invite.getId());
        session.getContext().setAuthenticationSession(authSession);
        return authSession;
    }

    /** The lost answer carried the device cookie the invite is bound to: the binding moves to a new one here. */
    private static void rebindDevice(Redemption r, InviteStore store, String lostDeviceHash) {
        if (lostDeviceHash == null || !r.policy.deviceBinding()) {
            return;
        }
        String value = DeviceCookie.newValue();
        if (store.rebindDevice(r.invite.getId(), lostDeviceHash, DeviceCookie.hashOf(value))) {
            DeviceCookie.write(r.session, r.realm, value);
        }
    }
}
