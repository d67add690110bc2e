package io.mediainvites.core.redeem;

/** How the invitee enters once every check has passed (S6). */
public enum InviteeEntry {
    /** A true guest: the link signs it in, into an invite-only session. */
    LINK(true),
    /** An existing account: only its own sign-in through the realm's browser flow attaches the invite. */
    SIGN_IN(false),
    /** An existing account, where the policy accepts a code mailed to the address instead; invite-only session. */
    CODE(true);

    private final boolean inviteOnlySession;

    InviteeEntry(boolean inviteOnlySession) {
        this.inviteOnlySession = inviteOnlySession;
    }

    /** Whether redemption creates a contained invite-only session (S7) rather than a real sign-in. */
    public boolean inviteOnlySession() {
        return inviteOnlySession;
    }
}
