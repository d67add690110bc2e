package io.mediainvites.rest.auth;

import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.rest.api.ApiException;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.Constants;
import org.keycloak.models.AdminRoles;

/**
 * Who may do what (I1). Every decision is one named method; a refusal is a 403 with a reason that names no
 * secret. Callers never reach another client's media: lookups are keyed by the caller's client first.
 */
public final class InvitePermissions {

    /** Client role of a media app that lets its service account manage the app's media and invites. */
    public static final String INVITE_MANAGER_ROLE = "invite-manager";

    private final RealmModel realm;
    private final InvitePolicy policy;

    public InvitePermissions(RealmModel realm, InvitePolicy policy) {
        this.realm = realm;
        this.policy = policy;
    }

    /** The app's service account holding the app's {@code invite-manager} client role. */
    public boolean isInviteManager(Caller caller) {
        if (!caller.serviceAccount()) {
            return false;
        }
        RoleModel role = caller.app().getRole(INVITE_MANAGER_ROLE);
        return role != null && caller.user().hasRole(role);
    }

    /** A realm administrator (manage-users in realm-management, directly or through a composite). */
    public boolean isRealmAdmin(Caller caller) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            return false;
        }
        RoleModel manageUsers = management.getRole(AdminRoles.MANAGE_USERS);
        return manageUsers != null && caller.user().hasRole(manageUsers);
    }

    public static boolean isCollaborator(MediaEntryEntity media, UserModel user) {
        return media.getCollaborators().stream().anyMatch(c -> c.getUserId().equals(user.getId()));
    }

    /** A collaborator of the entry (M3) who passes the realm's inviter rule. */
    public boolean mayInvite(MediaEntryEntity media, UserModel user) {
        return isCollaborator(media, user) && passesInviterRule(user);
    }

    public boolean passesInviterRule(UserModel user) {
        Set<String> roles = user.getRealmRoleMappingsStream().map(RoleModel::getName).collect(Collectors.toSet());
        // composite realm roles count too
        if (policy.inviterRole() != null) {
            RoleModel required = realm.getRole(policy.inviterRole());
            if (required != null && user.hasRole(required)) {
                roles.add(required.getName());
            }
        }
        Set<String> groups = user.getGroupsStream().map(ModelToRepresentation::buildGroupPath).collect(Collectors.toSet());
        return policy.inviterRuleAllows(roles, user.getUsername(), groups);
    }

    public void requireInviteManager(Caller caller) {
        if (!isInviteManager(caller)) {
            throw ApiException.forbidden("Only the media app's service account with the '" + INVITE_MANAGER_ROLE
                    + "' role may do this.");
        }
    }

    /** Reading an entry and its invites: its collaborators, the app's invite manager, realm admins. */
    public void requireMayRead(Caller caller, MediaEntryEntity media) {
        if (isInviteManager(caller) || isRealmAdmin(caller) || isCollaborator(media, caller.user())) {
            return;
        }
        throw ApiException.forbidden("You are not a collaborator of this media entry.");
    }

    /** Revoking: permitted inviters of the entry, the app's invite manager, realm admins. */
    public void requireMayRevoke(Caller caller, MediaEntryEntity media) {
        if (isInviteManager(caller) || isRealmAdmin(caller) || mayInvite(media, caller.user())) {
            return;
        }
        throw ApiException.forbidden("You may not revoke invites of this media entry.");
    }

    /** Autocomplete (I6): only those who may issue invites for this entry. */
    public void requireMayLookUpInvitees(Caller caller, MediaEntryEntity media) {
        if (isInviteManager(caller) || mayInvite(media, caller.user())) {
            return;
        }
        throw ApiException.forbidden("Only permitted inviters of this media entry may look up users.");
    }
}
