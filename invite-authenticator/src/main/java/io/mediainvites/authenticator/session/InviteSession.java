package io.mediainvites.authenticator.session;

import io.mediainvites.authenticator.redeem.SessionNotes;
import org.keycloak.models.UserSessionModel;

/**
 * An invite-only session as the containment rules see it (S7): a user session created by redeeming an
 * invite, without any real sign-in. Read from the session's notes; null-safe for sessions we did not make.
 */
public record InviteSession(String clientId, long expiresEpochSeconds) {

    /** The invite-only view of a session, or null when the session is a real sign-in. */
    public static InviteSession of(UserSessionModel userSession) {
        if (userSession == null || !"true".equals(userSession.getNote(SessionNotes.INVITE_ONLY))) {
            return null;
        }
        long expires;
        try {
            expires = Long.parseLong(userSession.getNote(SessionNotes.EXPIRES));
        } catch (RuntimeException e) {
            expires = 0; // a damaged note ends the session rather than lengthen it
        }
        return new InviteSession(userSession.getNote(SessionNotes.CLIENT), expires);
    }

    public static boolean isInviteOnly(UserSessionModel userSession) {
        return of(userSession) != null;
    }

    /** The invite-session length has passed: enforced at every use, not only by the reaper (S8). */
    public boolean endedAt(long nowEpochSeconds) {
        return nowEpochSeconds >= expiresEpochSeconds;
    }

    /** Only its own media app (R7). */
    public boolean allowsClient(String otherClientId) {
        return clientId != null && clientId.equals(otherClientId);
    }
}
