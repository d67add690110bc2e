package io.mediainvites.model.account;

import io.mediainvites.core.redeem.RoleGraph;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Which accounts an invite must never reach (R10, S10, S12), in one place for issuance, autocomplete and
 * redemption: privileged accounts (a role of the realm's {@code realm-management} client, held directly,
 * through a composite role, or through a group or one of its parent groups) and service accounts.
 */
public final class PrivilegedAccounts {

    private PrivilegedAccounts() {
    }

    /**
     * A privileged account: it holds a role of realm-management in any way. One walk over the account's roles;
     * groups are read only when the direct roles do not decide.
     */
    public static boolean isPrivileged(RealmModel realm, UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            return false;
        }
        String managementId = management.getId();
        Stream<RoleModel> granted = Stream.concat(user.getRoleMappingsStream(),
                Stream.of(user).flatMap(UserModel::getGroupsStream).flatMap(PrivilegedAccounts::withParents)
                        .flatMap(GroupModel::getRoleMappingsStream));
        return RoleGraph.reaches(granted, role -> role.isComposite() ? role.getCompositesStream() : Stream.empty(),
                RoleModel::getId, role -> role.isClientRole() && managementId.equals(role.getContainerId()));
    }

    /** The service account of a client. */
    public static boolean isServiceAccount(UserModel user) {
        return user.getServiceAccountClientLink() != null;
    }

    /** Neither privileged nor a service account. */
    public static boolean isOrdinary(RealmModel realm, UserModel user) {
        return !isServiceAccount(user) && !isPrivileged(realm, user);
    }

    private static Stream<GroupModel> withParents(GroupModel group) {
        return Stream.iterate(group, g -> g != null, GroupModel::getParent);
    }
}
