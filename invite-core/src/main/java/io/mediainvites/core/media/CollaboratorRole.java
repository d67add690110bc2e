package io.mediainvites.core.media;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The role of a collaborator of a media entry (spec M3); any collaborator may be an inviter. */
public enum CollaboratorRole {
    OWNER("owner"),
    CO_OWNER("co-owner"),
    CO_EDITOR("co-editor"),
    CO_PUBLISHER("co-publisher");

    private final String wire;

    CollaboratorRole(String wire) {
        this.wire = wire;
    }

    /** The wire name, e.g. {@code co-owner}. */
    public String wire() {
        return wire;
    }

    /**
     * Parses a wire name, case-insensitively and ignoring surrounding spaces.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_REQUEST} (field {@code role}) if null, blank or unknown
     */
    public static CollaboratorRole fromWire(String wire) {
        if (wire != null) {
            String wanted = wire.trim().toLowerCase(Locale.ROOT);
            for (CollaboratorRole role : values()) {
                if (role.wire.equals(wanted)) {
                    return role;
                }
            }
        }
        throw new InviteRuleException(ErrorCode.INVALID_REQUEST, "role",
                "Unknown collaborator role. Known roles: "
                        + Arrays.stream(values()).map(CollaboratorRole::wire).collect(Collectors.joining(", ")) + ".");
    }
}
