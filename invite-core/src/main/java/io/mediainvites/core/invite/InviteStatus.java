package io.mediainvites.core.invite;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.util.Locale;

/** The status of an invite as listed to inviters (spec I7); computed by {@link InviteState}. */
public enum InviteStatus {
    /** Valid and never redeemed. */
    PENDING,
    /** Valid and redeemed at least once, with uses left. */
    ACTIVE,
    /** All allowed uses are consumed. */
    USED_UP,
    /** The lifetime has passed. */
    EXPIRED,
    /** Revoked by an inviter, or its media entry was deleted. */
    REVOKED,
    /** Too many wrong one-time codes (S11): nothing works until an inviter re-issues the link. */
    LOCKED;

    /** The wire name: the lower-case constant name, e.g. {@code used_up}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitively and ignoring surrounding spaces.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_REQUEST} (field {@code status}) if null, blank or unknown
     */
    public static InviteStatus fromWire(String wire) {
        if (wire != null) {
            String wanted = wire.trim().toLowerCase(Locale.ROOT);
            for (InviteStatus status : values()) {
                if (status.wire().equals(wanted)) {
                    return status;
                }
            }
        }
        throw new InviteRuleException(ErrorCode.INVALID_REQUEST, "status",
                "Unknown invite status. Known statuses: pending, active, used_up, expired, revoked, locked.");
    }
}
