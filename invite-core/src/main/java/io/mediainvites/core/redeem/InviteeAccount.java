package io.mediainvites.core.redeem;

/**
 * What a redemption needs to know about the account an invite is addressed to (S6, S12): whether it is a
 * true guest (made by invites: guest mark, no credentials, no identity-provider links, not federated), a
 * service account, and whether its e-mail is verified.
 */
public record InviteeAccount(boolean serviceAccount, boolean guestMarked, boolean hasCredentials,
        boolean hasIdentityLinks, boolean federated, boolean emailVerified) {

    /** Only a true guest is signed in by the link alone. */
    public boolean isGuest() {
        return guestMarked && !hasCredentials && !hasIdentityLinks && !federated && !serviceAccount;
    }
}
