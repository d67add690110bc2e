package io.mediainvites.core.redeem;

/**
 * Why a redemption is refused: the reason code of the Keycloak event, the message key of the page the
 * invitee sees (English text in the login theme's messages), and the HTTP status of that page.
 */
public enum Refusal {
    INVALID_TOKEN("invalid_token", "mediaInviteInvalidMessage", 400),
    EXPIRED("expired", "mediaInviteExpiredMessage", 400),
    USED_UP("used_up", "mediaInviteUsedUpMessage", 400),
    REVOKED("revoked", "mediaInviteRevokedMessage", 400),
    /** S11: too many wrong one-time codes for this invite, across pages, browsers and nodes. */
    CODE_ATTEMPTS_EXCEEDED("code_attempts_exceeded", "mediaInviteLockedMessage", 403),
    /** S11: the invite's one-time code mails for this hour are used up. */
    CODE_RATE_LIMITED("code_rate_limited", "mediaInviteCodeMailLimitMessage", 429),
    MEDIA_DELETED("media_deleted", "mediaInviteMediaDeletedMessage", 400),
    MEDIA_ENDED("media_ended", "mediaInviteEndedMessage", 400),
    DEVICE_MISMATCH("device_mismatch", "mediaInviteDeviceMismatchMessage", 403),
    /** R15: moving the device binding is off in this realm (deviceMoves = 0) or device binding itself is. */
    DEVICE_MOVE_DISABLED("device_move_disabled", "mediaInviteDeviceMoveDisabledMessage", 403),
    /** R15: the invite's device binding was moved as often as the policy allows. */
    DEVICE_MOVES_EXCEEDED("device_moves_exceeded", "mediaInviteDeviceMovesExceededMessage", 403),
    /** R15: a move request from a page that offered no move (this browser never saw the device-mismatch page). */
    DEVICE_MOVE_NOT_OFFERED("device_move_not_offered", "mediaInviteDeviceMoveNotOfferedMessage", 400),
    EMAIL_MISMATCH("email_mismatch", "mediaInviteEmailMismatchMessage", 403),
    DOMAIN_BLOCKED("domain_blocked", "mediaInviteDomainBlockedMessage", 403),
    PRIVILEGED_ACCOUNT("privileged_account", "mediaInvitePrivilegedMessage", 403),
    EMAIL_UNVERIFIED("email_unverified", "mediaInviteEmailUnverifiedMessage", 403),
    /** Something an invite-only session may not do (S7): account actions, other clients, offline access. */
    INVITE_SESSION_LIMITED("invite_session_limited", "mediaInviteSessionLimitedMessage", 403),
    /** A token request of an invite-only session after its end, or after every invite behind it was revoked (S8). */
    INVITE_SESSION_ENDED("invite_session_ended", "mediaInviteSessionEndedMessage", 400),
    /** S3: the invite's redirect is no longer one of the app's registered redirect URIs. */
    REDIRECT_NOT_ALLOWED("redirect_not_allowed", "mediaInviteRedirectNotAllowedMessage", 400),
    /** S13: a stored policy value of the realm is invalid; the invitee gets a clear page, nothing is used. */
    INVALID_POLICY("invalid_policy", "mediaInvitePolicyInvalidMessage", 400),
    SESSION_EXPIRED("session_expired", "mediaInviteSessionExpiredMessage", 400),
    /**
     * O4: another redemption of the same link holds its row right now; answered at once instead of waiting on the
     * row lock (a hot link must never tie up the node's connections). Nothing was used; the same form may be sent
     * again (503 with Retry-After).
     */
    BUSY("busy", "mediaInviteBusyMessage", 503),
    CODE_NOT_SENT("code_not_sent", "mediaInviteCodeNotSentMessage", 503);

    private final String reason;
    private final String messageKey;
    private final int httpStatus;

    Refusal(String reason, String messageKey, int httpStatus) {
        this.reason = reason;
        this.messageKey = messageKey;
        this.httpStatus = httpStatus;
    }

    /** Reason code of the event ({@code error} of a Keycloak event). */
    public String reason() {
        return reason;
    }

    public String messageKey() {
        return messageKey;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
