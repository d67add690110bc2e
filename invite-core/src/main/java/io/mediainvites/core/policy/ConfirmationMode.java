package io.mediainvites.core.policy;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.util.Locale;

/** How an invitee confirms the invited e-mail address at redemption (spec R4). */
public enum ConfirmationMode {
    /** No confirmation. */
    NONE,
    /** The invitee types the invited address. */
    TYPED,
    /** The invitee enters a one-time code sent to the invited address. */
    CODE;

    /** The wire name: the lower-case constant name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitively and ignoring surrounding spaces.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_POLICY} (field {@code confirmation}) if null,
     *     blank or unknown
     */
    public static ConfirmationMode fromWire(String wire) {
        if (wire != null) {
            String wanted = wire.trim().toLowerCase(Locale.ROOT);
            for (ConfirmationMode mode : values()) {
                if (mode.wire().equals(wanted)) {
                    return mode;
                }
            }
        }
        throw new InviteRuleException(ErrorCode.INVALID_POLICY, InvitePolicy.ATTR_CONFIRMATION,
                "Unknown confirmation mode. Known modes: none, typed, code.");
    }
}
