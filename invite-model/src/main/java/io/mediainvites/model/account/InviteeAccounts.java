package io.mediainvites.model.account;

import io.mediainvites.core.redeem.InviteeAccount;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Reads the facts about an invitee's account that the redemption rules decide on (S6, S12). */
public final class InviteeAccounts {

    /** Marks a user created for an invitee who had no account. */
    public static final String GUEST_ATTRIBUTE = "mediaInvites.guest";

    private InviteeAccounts() {
    }

    /**
     * Credentials and identity-provider links are read only for a guest-marked account: without the mark an
     * account is no guest whatever they are.
     */
    public static InviteeAccount of(KeycloakSession session, RealmModel realm, UserModel user) {
        boolean guestMarked = "true".equals(user.getFirstAttribute(GUEST_ATTRIBUTE));
        return new InviteeAccount(
                user.getServiceAccountClientLink() != null,
                guestMarked,
                guestMarked && user.credentialManager().getStoredCredentialsStream().findAny().isPresent(),
                guestMarked && session.users().getFederatedIdentitiesStream(realm, user).findAny().isPresent(),
                user.getFederationLink() != null,
                user.isEmailVerified());
    }
}
