package io.mediainvites.authenticator.redeem;

import io.mediainvites.authenticator.session.InviteSession;
import io.mediainvites.core.activity.ActivityKind;
import io.mediainvites.core.media.InviteRole;
import io.mediainvites.core.redeem.MediaGrant;
import io.mediainvites.core.redeem.MediaGrants;
import io.mediainvites.core.redeem.Refusal;
import io.mediainvites.model.activity.InviteActivity;
import io.mediainvites.core.redeem.RetryReceipt;
import io.mediainvites.model.jpa.InviteSessionEntity;
import io.mediainvites.model.jpa.RedeemRetryEntity;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Accepting an invite: counting its use and attaching its grant to the session the sign-in ends in. The one
 * way an invite is accepted, shared by the redemption POST (guests, mailed codes) and by the required action
 * that runs after an existing account's own sign-in (S6).
 */
final class Acceptance {

    private final Redemption r;
    private final AuthenticationSessionModel authSession;
    /** The device hash the counted use bound (or confirmed), null without device binding. */
    private String boundDeviceHash;

    Acceptance(Redemption r, AuthenticationSessionModel authSession) {
        this.r = r;
        this.authSession = authSession;
    }

    /**
     * Counts one use and binds this browser (R2, R3): one conditional UPDATE, so exactly one of any number of
     * concurrent acceptances gets the last use (S2). Empty when this one got it, else why not.
     */
    Optional<Refusal> countUse(Instant now) {
        String deviceValue = DeviceCookie.read(r.session);
        boolean newDevice = deviceValue == null;
        String deviceHash = null;
        if (r.policy.deviceBinding()) {
            if (deviceValue == null) {
                deviceValue = DeviceCookie.newValue();
            }
            deviceHash = DeviceCookie.hashOf(deviceValue);
        }
        // Issue 14 item 6: never wait on the row lock of a hot link while holding a connection. Another redemption
        // of this link holds the row until its transaction ends: answered at once (busy, nothing used) instead.
        if (!r.store.lockWithoutWaiting(r.invite.getId())) {
            return Optional.of(Refusal.BUSY);
        }
        if (!r.store.redeemAtomically(r.invite.getId(), deviceHash, now.toEpochMilli())) {
            // lost a race for the last use, or the invite changed since the page was shown
            r.store.refresh(r.invite);
            return Optional.of(r.refusal(deviceHash, now).orElse(Refusal.USED_UP));
        }
        if (deviceHash != null) {
            DeviceCookie.write(r.session, r.realm, deviceValue);
        }
        // O10, O11: in the transaction that counted the use
        InviteActivity.of(r.session).record(r.invite, ActivityKind.REDEEMED, null,
                newDevice ? InviteActivity.NEW_DEVICE : InviteActivity.KNOWN_DEVICE, now);
        boundDeviceHash = deviceHash;
        return Optional.empty();
    }

    /**
     * Issue 14 item 7: stores, in the transaction that counted the use, the receipt that lets this browser complete
     * the redemption if the answer is lost ({@link io.mediainvites.core.redeem.RetryReceipt}). No receipt without
     * the posted form value (the required action after a real sign-in has none).
     *
     * @param newUserSessionId the user session this sign-in creates (ended by a retry), or null when one is joined
     */
    void writeRetryReceipt(String formNonce, String newUserSessionId, String amr, Instant now) {
        String key = RetryReceipt.key(authSession.getParentSession().getId(), authSession.getTabId(), formNonce);
        if (key == null) {
            return;
        }
        RedeemRetryEntity receipt = new RedeemRetryEntity();
        receipt.setKeyHash(key);
        receipt.setRealmId(r.realm.getId());
        receipt.setInviteId(r.invite.getId());
        receipt.setUserSessionId(newUserSessionId);
        receipt.setDeviceHash(boundDeviceHash);
        receipt.setAmr(amr);
        receipt.setExpiresAt(RetryReceipt.expiresAt(now));
        r.store.persist(receipt);
    }

    /**
     * Attaches the invite's grant, kept per invite (S8), to the session this sign-in ends in (R7, R8).
     *
     * @param joined the same user's session in this browser that the sign-in continues, or null for a new one
     * @param inviteOnly whether a new session is an invite-only one (a guest, or a mailed code) or a real sign-in
     * @param amr the {@code amr} values of a new invite-only session ("invite", "invite otp")
     */
    MediaGrant attachGrant(UserSessionModel joined, boolean inviteOnly, String amr, Instant now) {
        long sessionEnd = now.plus(r.policy.sessionLength()).getEpochSecond();
        MediaGrant grant = new MediaGrant(r.client.getClientId(), r.invite.getMediaId(),
                InviteRole.fromWire(r.invite.getRole()), r.invite.getId(), sessionEnd);
        MediaGrants grants = MediaGrants.parse(joined == null ? null : joined.getNote(SessionNotes.GRANTS))
                .withoutEnded(now.getEpochSecond()).add(grant);
        note(joined, SessionNotes.GRANTS, grants.serialise());
        InviteSession held = InviteSession.of(joined);
        if (held != null && !inviteOnly) {
            // a real sign-in continues the browser's invite-only session of the same account: no longer contained
            note(joined, SessionNotes.INVITE_ONLY, "false");
            r.store.findSession(joined.getId()).ifPresent(r.store::remove);
        } else if (held != null && sessionEnd > held.expiresEpochSeconds()) {
            // an invite-only session joined by a newer invite lasts as long as that invite's grant
            note(joined, SessionNotes.EXPIRES, Long.toString(sessionEnd));
            r.store.findSession(joined.getId()).ifPresent(t -> t.setExpiresAt(sessionEnd * 1000));
        } else if (joined == null && inviteOnly) {
            authSession.setUserSessionNote(SessionNotes.INVITE_ONLY, "true");
            authSession.setUserSessionNote(SessionNotes.CLIENT, r.client.getClientId());
            authSession.setUserSessionNote(SessionNotes.EXPIRES, Long.toString(sessionEnd));
            authSession.setUserSessionNote(SessionNotes.AMR, amr);
            // the user session takes the root authentication session's id; it is ended at sessionEnd
            InviteSessionEntity tracked = new InviteSessionEntity();
            tracked.setUserSessionId(authSession.getParentSession().getId());
            tracked.setRealmId(r.realm.getId());
            tracked.setClientId(r.client.getId());
            tracked.setMediaId(r.invite.getMediaId());
            tracked.setInviteId(r.invite.getId());
            tracked.setExpiresAt(sessionEnd * 1000);
            r.store.persist(tracked);
        }
        return grant;
    }

    /** A user-session note on the session being continued, and on the one the sign-in will attach. */
    private void note(UserSessionModel joined, String name, String value) {
        authSession.setUserSessionNote(name, value);
        if (joined != null) {
            joined.setNote(name, value);
        }
    }
}
