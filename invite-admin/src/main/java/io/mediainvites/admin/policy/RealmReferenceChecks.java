package io.mediainvites.admin.policy;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Checks that the inviter rule names what exists in the realm: a typo would otherwise silently stop
 * everybody from inviting. Applied when an admin saves the policy (REST or console), not on realm import,
 * where roles, groups and users may arrive after the policy.
 */
public final class RealmReferenceChecks {

    private RealmReferenceChecks() {
    }

    /** @throws InviteRuleException {@code invalid_policy} naming the field of the first unknown reference */
    public static void require(KeycloakSession session, RealmModel realm, InvitePolicy policy) {
        if (policy.inviterRole() != null && realm.getRole(policy.inviterRole()) == null) {
            throw new InviteRuleException(ErrorCode.INVALID_POLICY, InvitePolicy.ATTR_INVITER_ROLE,
                    "There is no realm role named " + policy.inviterRole() + " in this realm.");
        }
        for (String path : policy.inviterGroups()) {
            if (KeycloakModelUtils.findGroupByPath(session, realm, path) == null) {
                throw new InviteRuleException(ErrorCode.INVALID_POLICY, InvitePolicy.ATTR_INVITER_GROUPS,
                        "There is no group with the path " + path + " in this realm.");
            }
        }
        for (String username : policy.inviterUsers()) {
            if (session.users().getUserByUsername(realm, username) == null) {
                throw new InviteRuleException(ErrorCode.INVALID_POLICY, InvitePolicy.ATTR_INVITER_USERS,
                        "There is no user named " + username + " in this realm.");
            }
        }
    }
}
