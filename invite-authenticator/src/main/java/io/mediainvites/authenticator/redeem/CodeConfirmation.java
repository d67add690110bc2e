package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.limit.RateDecision;
import io.mediainvites.core.limit.RateRule;
import io.mediainvites.core.redeem.CodeChallenge;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.model.mail.MailDeliveryException;
import io.mediainvites.model.mail.MailMessage;
import io.mediainvites.model.limit.RateLimiter;
import io.mediainvites.model.mail.MediaInvitesMailer;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Duration;
import io.mediainvites.core.activity.ActivityKind;
import io.mediainvites.model.activity.InviteActivity;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A one-time code mailed to the invited address, the one mechanism for every step that proves the mailbox: the
 * confirmation mode "code" (R4, S6) before an invite is redeemed, and the move of a device binding to a new browser
 * (R15). The {@link Purpose} says which: where its challenge is kept, the reason codes of its refusals and the page
 * that asks for the code. Mails and wrong entries count against the same per-invite limits whatever the purpose
 * (S11: {@link RateRule#CODE_MAIL}, {@link RateRule#CODE_WRONG}). The code lives only as a salted hash in the
 * authentication session; it is never logged.
 */
final class CodeConfirmation {

    static final String CODE_NOTE = "mi.code";
    static final String TEMPLATE = "media-invite-code.ftl";

    /** The page asking for the code (stage "send" or "enter", a message key, the attempts left), with its nonce. */
    interface CodePage {
        Response show(String nonce, InvitePages.CodeStep step);
    }

    /**
     * What a code proves.
     *
     * @param note         authentication-session note holding this purpose's challenge
     * @param reasonPrefix prefix of the reason codes of its refusals ("" gives {@code code_invalid}, "device_move_"
     *                     gives {@code device_move_code_invalid})
     * @param page         the page that asks for the code
     */
    record Purpose(String note, String reasonPrefix, CodePage page) {
    }

    /** Confirmation mode "code": the invite page with its code step. */
    static Purpose confirmation(Redemption r, AuthenticationSessionModel authSession, Instant now) {
        return new Purpose(CODE_NOTE, "", (nonce, step) -> InvitePages.invite(r, authSession, r.phase(now), nonce, null,
                now, step));
    }
    private static final Logger LOG = Logger.getLogger(CodeConfirmation.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final Redemption r;
    private final AuthenticationSessionModel authSession;
    private final EventBuilder event;
    private final Duration lifetime;
    private final Purpose purpose;

    CodeConfirmation(KeycloakSession session, Redemption r, AuthenticationSessionModel authSession, EventBuilder event,
            Duration lifetime, Purpose purpose) {
        this.session = session;
        this.r = r;
        this.authSession = authSession;
        this.event = event;
        this.lifetime = lifetime;
        this.purpose = purpose;
    }

    /**
     * @return the page to show (code sent, wrong/expired code), or null when the entered code is right and
     *     the redemption may go on
     */
    Response handle(String action, String entered, Instant now) {
        CodeChallenge challenge = CodeChallenge.parse(authSession.getAuthNote(purpose.note()));
        if ("send-code".equals(action)) {
            return send(challenge, now);
        }
        if (challenge == null) {
            return page(now, "send", "", 0);
        }
        switch (challenge.check(entered, now)) {
            case OK:
                authSession.removeAuthNote(purpose.note());
                authSession.setAuthNote(SessionNotes.CODE_PROVEN, "true");
                return null;
            case WRONG:
                if (lockedByThisWrongEntry(now)) {
                    return InvitePages.message(r, authSession, Refusal.CODE_ATTEMPTS_EXCEEDED, null, null);
                }
                CodeChallenge next = challenge.afterWrongAttempt();
                authSession.setAuthNote(purpose.note(), next.serialise());
                r.refused(event.clone(), purpose.reasonPrefix() + "code_invalid");
                return next.attemptsLeft() == 0
                        ? page(now, "send", "mediaInviteCodeTooManyMessage", 0)
                        : page(now, "enter", "mediaInviteCodeWrong", next.attemptsLeft());
            case EXPIRED:
                r.refused(event.clone(), purpose.reasonPrefix() + "code_expired");
                return page(now, "send", "mediaInviteCodeExpiredMessage", 0);
            default:
                r.refused(event.clone(), purpose.reasonPrefix() + "code_attempts_exceeded");
                return page(now, "send", "mediaInviteCodeTooManyMessage", 0);
        }
    }

    private Response send(CodeChallenge previous, Instant now) {
        if (!CodeChallenge.maySend(previous, now)) {
            return page(now, previous == null ? "send" : "enter", "mediaInviteCodeWait",
                    previous == null ? 0 : previous.attemptsLeft());
        }
        RateDecision mails = RateLimiter.hit(session, r.realm.getId(), RateRule.CODE_MAIL, r.invite.getId());
        if (!mails.allowed()) {
            // S11: per invite, whatever page, browser or node asks
            r.refused(event.clone(), Refusal.CODE_RATE_LIMITED.reason());
            return InvitePages.message(r, authSession, Refusal.CODE_RATE_LIMITED, null, null);
        }
        CodeChallenge.Issued issued = CodeChallenge.issue(previous, now, lifetime);
        MailMessage mail = new MailMessage(TEMPLATE, "mediaInviteCodeSubject", List.of(r.media.getTitle()),
                Map.of("code", issued.code(), "minutes", Long.toString(Math.max(1, lifetime.toMinutes())),
                        "mediaTitle", r.media.getTitle()),
                r.invite.getEmail(), r.invitee(), null);
        try {
            new MediaInvitesMailer(session, r.realm).send(mail);
        } catch (MailDeliveryException e) {
            r.refused(event.clone().detail("reason", e.failure().reason()), Refusal.CODE_NOT_SENT.reason());
            return InvitePages.message(r, authSession, Refusal.CODE_NOT_SENT, null, null);
        }
        authSession.setAuthNote(purpose.note(), issued.challenge().serialise());
        LOG.debugf("one-time code (%s) sent for invite %s", purpose.note(), r.invite.getId());
        return page(now, "enter", "", issued.challenge().attemptsLeft());
    }

    /**
     * S11: every wrong entry counts against the invite in the database (one conditional UPDATE, so parallel
     * entries from any browser or node count exactly); the last allowed one locks the invite until an inviter
     * re-issues its link.
     */
    private boolean lockedByThisWrongEntry(Instant now) {
        RateDecision wrong = RateLimiter.hit(session, r.realm.getId(), RateRule.CODE_WRONG, r.invite.getId());
        if (wrong.allowed() && wrong.remaining() > 0) {
            return false;
        }
        if (r.store.lock(r.invite.getId(), now.toEpochMilli())) {
            // this entry locked it (parallel lockers lock once): reported once (O10, O11)
            InviteActivity.of(session).record(r.invite, ActivityKind.LOCKED, Refusal.CODE_ATTEMPTS_EXCEEDED.reason(),
                    null, now);
        }
        r.refused(event.clone(), Refusal.CODE_ATTEMPTS_EXCEEDED.reason());
        LOG.debugf("invite %s locked after too many wrong codes", r.invite.getId());
        return true;
    }

    /** The purpose's page again, with a fresh one-time form value. */
    private Response page(Instant now, String stage, String messageKey, int attemptsLeft) {
        return purpose.page().show(newFormNonce(authSession), new InvitePages.CodeStep(stage, messageKey, attemptsLeft));
    }

    /** A fresh one-time form value for the next POST of this authentication session. */
    static String newFormNonce(AuthenticationSessionModel authSession) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        authSession.setAuthNote(SessionNotes.FORM_NONCE, nonce);
        return nonce;
    }
}
