package io.mediainvites.core.media;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The role an invitee gets on one media entry, ordered by {@link #rank()} (higher rank = more rights). */
public enum InviteRole {
    VIEWER("viewer", 1),
    SPEAKER("speaker", 2),
    MODERATOR("moderator", 3);

    private final String wire;
    private final int rank;

    InviteRole(String wire, int rank) {
        this.wire = wire;
        this.rank = rank;
    }

    /** The wire name, e.g. {@code moderator}. */
    public String wire() {
        return wire;
    }

    /** The rank: viewer 1, speaker 2, moderator 3. */
    public int rank() {
        return rank;
    }

    /**
     * Parses a wire name, case-insensitively and ignoring surrounding spaces.
     *
     * @throws InviteRuleException {@link ErrorCode#ROLE_NOT_ALLOWED} (field {@code role}) if null, blank or unknown
     */
    public static InviteRole fromWire(String wire) {
        if (wire != null) {
            String wanted = wire.trim().toLowerCase(Locale.ROOT);
            for (InviteRole role : values()) {
                if (role.wire.equals(wanted)) {
                    return role;
                }
            }
        }
        throw new InviteRuleException(ErrorCode.ROLE_NOT_ALLOWED, "role",
                "Unknown role. Known roles: " + knownWires() + ".");
    }

    /** True if this role has a strictly higher rank than {@code other}; any role is higher than null (no role). */
    public boolean higherThan(InviteRole other) {
        return other == null || rank > other.rank;
    }

    /**
     * The higher of two roles, used for role upgrades: a lower role never downgrades a higher one.
     * A null argument means "no role yet", so the other one is returned (null only if both are null).
     */
    public static InviteRole max(InviteRole a, InviteRole b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.higherThan(a) ? b : a;
    }

    static String knownWires() {
        return Arrays.stream(values()).map(InviteRole::wire).collect(Collectors.joining(", "));
    }
}
