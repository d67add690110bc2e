package io.mediainvites.authenticator.redeem;

/** Notes kept on authentication and user sessions by redemption; read by the claims mapper. */
public final class SessionNotes {

    /** User-session note: the media grants of the session ({@code MediaGrants} line format). */
    public static final String GRANTS = "mi.grants";
    /** User-session note: "true" when the session was created by an invite (no other sign-in). */
    public static final String INVITE_ONLY = "mi.inviteOnly";
    /** User-session note: clientId of the media app an invite-only session is for. */
    public static final String CLIENT = "mi.client";
    /** User-session note: epoch seconds when an invite-only session ends. */
    public static final String EXPIRES = "mi.expires";

    /** User-session note: the {@code amr} values of an invite-only session ("invite", "invite otp"). */
    public static final String AMR = "mi.amr";

    /** Auth-session note: the invite an existing account accepts once it has signed in (S6). */
    public static final String ACCEPT_AFTER_SIGN_IN = "mi.acceptAfterSignIn";
    /** Auth-session note: a mailed code proved the address in this authentication session. */
    static final String CODE_PROVEN = "mi.codeProven";

    /** Auth-session note: the invite being redeemed. */
    static final String INVITE_ID = "mi.inviteId";
    /** Auth-session note: one-time value the landing form posts back (binds the POST to this browser's session). */
    static final String FORM_NONCE = "mi.nonce";

    private SessionNotes() {
    }
}
