package io.mediainvites.model.account;

import io.mediainvites.core.redeem.RoleGraph;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Accounts with administrative rights (R10, S12): a role of realm-management, directly, through a composite
 * role or through a group (or a parent group); in the master realm also any admin role (the realm roles
 * {@code admin} and {@code create-realm}, and the roles of every realm's {@code <realm>-realm} client). One
 * walk over the account's roles; groups are read only when the direct roles do not decide.
 */
public final class PrivilegedAccounts {

    private static final String MASTER_ADMIN_CLIENT_SUFFIX = "-realm";

    private PrivilegedAccounts() {
    }

    public static boolean isPrivileged(RealmModel realm, UserModel user) {
        Predicate<RoleModel> adminRole = adminRoleOf(realm);
        Stream<RoleModel> granted = Stream.concat(user.getRoleMappingsStream(),
                Stream.of(user).flatMap(UserModel::getGroupsStream).flatMap(PrivilegedAccounts::withParents)
                        .flatMap(GroupModel::getRoleMappingsStream));
        return RoleGraph.reaches(granted, role -> role.isComposite() ? role.getCompositesStream() : Stream.empty(),
                RoleModel::getId, adminRole);
    }

    private static Predicate<RoleModel> adminRoleOf(RealmModel realm) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        String managementId = management == null ? null : management.getId();
        if (!Config.getAdminRealm().equals(realm.getName())) {
            return role -> role.isClientRole() && role.getContainerId().equals(managementId);
        }
        return role -> {
            if (!role.isClientRole()) {
                return AdminRoles.ADMIN.equals(role.getName()) || AdminRoles.CREATE_REALM.equals(role.getName());
            }
            if (role.getContainerId().equals(managementId)) {
                return true;
            }
            return role.getContainer() instanceof ClientModel client
                    && client.getClientId().endsWith(MASTER_ADMIN_CLIENT_SUFFIX);
        };
    }

    /** The service account of a client: never an invitee (S12). */
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
