package io.mediainvites.core.media;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.util.Objects;
import java.util.stream.Collectors;

/** Which invite role a media type accepts (spec I3). */
public final class RoleRules {

    private RoleRules() {
    }

    /**
     * Resolves the requested role for an invite to a media entry of the given type.
     *
     * @param type the media type, not null
     * @param roleWire the requested role's wire name; null or blank means {@code viewer}
     * @return the role
     * @throws InviteRuleException {@link ErrorCode#ROLE_NOT_ALLOWED} (field {@code role}) naming the roles
     *     allowed for the type, if the role is unknown or not allowed for the type
     */
    public static InviteRole requireAllowed(MediaType type, String roleWire) {
        Objects.requireNonNull(type, "type");
        if (roleWire == null || roleWire.isBlank()) {
            return InviteRole.VIEWER;
        }
        InviteRole role;
        try {
            role = InviteRole.fromWire(roleWire);
        } catch (InviteRuleException unknown) {
            role = null;
        }
        if (role == null || !type.allowedRoles().contains(role)) {
            throw new InviteRuleException(ErrorCode.ROLE_NOT_ALLOWED, "role",
                    "This role is not allowed for media type " + type.wire() + ". Allowed roles: "
                            + type.allowedRoles().stream().map(InviteRole::wire).collect(Collectors.joining(", "))
                            + ".");
        }
        return role;
    }
}
