package io.mediainvites.core.policy;

/**
 * How an invite to the e-mail address of an existing account (one not created as a guest by invites) is
 * accepted (spec S6, R4). Wire names {@code sign-in} and {@code code}.
 */
public enum ExistingAccounts implements PolicyChoice {
    /**
     * The invitee signs in with the account's own credentials through the realm's browser flow; then the
     * invite attaches to that session. The default.
     */
    SIGN_IN,
    /**
     * A one-time code mailed to the address is accepted instead of the account's sign-in. Weaker: whoever
     * reads that mailbox enters the account's invite session, which stays contained to the invite.
     */
    CODE
}
