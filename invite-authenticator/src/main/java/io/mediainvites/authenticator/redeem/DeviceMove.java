package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.activity.ActivityKind;
import io.mediainvites.core.redeem.RedemptionRules;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.model.activity.InviteActivity;
import io.mediainvites.model.mail.MediaInvitesMailer;
import io.mediainvites.model.store.InviteSessions;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * R15: moving a device-bound link to the browser that opened it on another device. The device-mismatch page offers
 * <b>Use this device instead</b> where the policy allows a move ({@code deviceMoves}), the invite has moves left and
 * the realm can mail; the button mails a one-time code to the invited address ({@link CodeConfirmation}, the same
 * codes and per-invite limits as the confirmation step), and the right code moves the binding to this browser in one
 * conditional UPDATE (parallel moves from several browsers move it once). The old device loses the binding: its next
 * request is a device mismatch, and the invite-only sessions the invite created are ended (a session of a real
 * sign-in is the account's own and stays). The browser then goes on as the bound device would.
 *
 * <p>A move is only taken from the page that offered it: the offer is an authentication-session note set when that
 * page was shown (with the binding it offered to move from), and the POST carries the page's one-time form value.
 */
final class DeviceMove {

    /** Auth-session note: the device binding (hash) the mismatch page shown in this session offered to move from. */
    static final String OFFERED = "mi.move.offered";
    /** Auth-session note: the challenge of the move's one-time code. */
    static final String CODE_NOTE = "mi.move.code";
    static final String SEND = "move-send";
    static final String CHECK = "move-code";

    private static final Logger LOG = Logger.getLogger(DeviceMove.class);

    private final KeycloakSession session;
    private final Redemption r;
    private final AuthenticationSessionModel authSession;
    private final EventBuilder event;
    private final Duration codeLifetime;

    DeviceMove(KeycloakSession session, Redemption r, AuthenticationSessionModel authSession, EventBuilder event,
            Duration codeLifetime) {
        this.session = session;
        this.r = r;
        this.authSession = authSession;
        this.event = event;
        this.codeLifetime = codeLifetime;
    }

    static boolean isMoveAction(String action) {
        return SEND.equals(action) || CHECK.equals(action);
    }

    /** Why no move may be offered for this invite now, or empty when it may. */
    static Optional<Refusal> notOffered(Redemption r) {
        return RedemptionRules.checkDeviceMove(r.policy.deviceBinding(), r.policy.deviceMoves(),
                r.invite.getDeviceMoves(), MediaInvitesMailer.smtpConfigured(r.realm));
    }

    /**
     * The page for a browser refused as another device (its event: {@code device_mismatch}): with the move where it
     * may be offered, else the refusal that says to ask the inviter for a new link.
     */
    static Response mismatchPage(Redemption r, AuthenticationSessionModel authSession, EventBuilder event) {
        r.refused(event, Refusal.DEVICE_MISMATCH.reason());
        Optional<Refusal> off = notOffered(r);
        if (off.isPresent() || authSession == null) {
            if (authSession != null) {
                authSession.removeAuthNote(OFFERED);
            }
            return InvitePages.deviceMismatch(r, authSession,
                    off.orElse(Refusal.DEVICE_MOVE_DISABLED).messageKey(), null, null);
        }
        authSession.setAuthNote(SessionNotes.INVITE_ID, r.invite.getId());
        authSession.setAuthNote(OFFERED, r.invite.getDeviceHash());
        authSession.removeAuthNote(CODE_NOTE);
        String nonce = CodeConfirmation.newFormNonce(authSession);
        return InvitePages.deviceMismatch(r, authSession, Refusal.DEVICE_MISMATCH.messageKey(), nonce,
                new InvitePages.CodeStep("send", "", 0));
    }

    /**
     * The move's POST ({@code action} {@value #SEND}: mail a code; {@value #CHECK}: check the entered one).
     *
     * @return the page to show, or null when the right code moved the binding to this browser, which then goes on
     *     as the bound device (its mailbox proven)
     */
    Response handle(String action, String enteredCode, Instant now) {
        String offeredFrom = authSession.getAuthNote(OFFERED);
        if (offeredFrom == null) {
            // this authentication session never showed a move: a forged or replayed request
            return refuse(Refusal.DEVICE_MOVE_NOT_OFFERED);
        }
        Optional<Refusal> refused = r.refusal(DeviceCookie.hashOf(DeviceCookie.read(session)), now);
        if (refused.isEmpty()) {
            return refuse(Refusal.DEVICE_MOVE_NOT_OFFERED); // this browser is the bound device: nothing to move
        }
        if (refused.get() != Refusal.DEVICE_MISMATCH) {
            return refuse(refused.get()); // revoked, used up, expired, locked, blocked... since the page was shown
        }
        UserSessionModel signedIn = r.signedInSession();
        if (signedIn != null) {
            Optional<Refusal> mismatch = RedemptionRules.checkSignedInEmail(r.email(), signedIn.getUser().getEmail());
            if (mismatch.isPresent()) {
                r.refused(event.clone(), mismatch.get().reason());
                return InvitePages.emailMismatch(session, authSession, mismatch.get().messageKey(), "");
            }
        }
        Optional<Refusal> off = notOffered(r);
        if (off.isPresent()) {
            authSession.removeAuthNote(OFFERED);
            return refuse(off.get());
        }
        if (!offeredFrom.equals(r.invite.getDeviceHash())) {
            // moved elsewhere since this page was shown: offered again from the binding of today
            return mismatchPage(r, authSession, event.clone());
        }
        CodeConfirmation codes = new CodeConfirmation(session, r, authSession, event, codeLifetime,
                new CodeConfirmation.Purpose(CODE_NOTE, "device_move_", (nonce, step) -> InvitePages.deviceMismatch(
                        r, authSession, Refusal.DEVICE_MISMATCH.messageKey(), nonce, step)));
        Response page = codes.handle(SEND.equals(action) ? "send-code" : CHECK, enteredCode, now);
        if (page != null) {
            return page;
        }
        return move(offeredFrom, now);
    }

    private Response move(String from, Instant now) {
        String value = DeviceCookie.read(session);
        if (value == null) {
            value = DeviceCookie.newValue();
        }
        String to = DeviceCookie.hashOf(value);
        authSession.removeAuthNote(OFFERED);
        if (!r.store.moveDevice(r.invite.getId(), from, to, r.policy.deviceMoves(), now.toEpochMilli())) {
            // another browser moved it first (or its last move): this one stays refused
            r.store.refresh(r.invite);
            Refusal why = notOffered(r).orElse(Refusal.DEVICE_MISMATCH);
            if (why == Refusal.DEVICE_MISMATCH) {
                return mismatchPage(r, authSession, event.clone());
            }
            return refuse(why);
        }
        r.store.refresh(r.invite);
        DeviceCookie.moved(session, r.realm, value);
        // the old device loses the binding: its invite-only sessions of this invite end now (S8's way of ending them)
        int ended = InviteSessions.endCreatedBy(session, r.store, r.invite.getId());
        InviteActivity.of(session).record(r.invite, ActivityKind.DEVICE_MOVED, null, null, now);
        event.clone().detail("outcome", "device_moved")
                .detail("device_moves", Integer.toString(r.invite.getDeviceMoves()))
                .detail("sessions_ended", Integer.toString(ended)).success();
        LOG.debugf("device binding of invite %s moved (%d of %d), %d session(s) ended", r.invite.getId(),
                r.invite.getDeviceMoves(), r.policy.deviceMoves(), ended);
        return null;
    }

    private Response refuse(Refusal refusal) {
        r.refused(event.clone(), refusal.reason());
        return InvitePages.message(r, authSession, refusal, null, null);
    }
}
