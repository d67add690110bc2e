package io.mediainvites.core.policy;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;

/** How an invitee confirms the invited e-mail address at redemption (spec R4). */
public enum ConfirmationMode implements PolicyChoice {
    /** No confirmation. */
    NONE,
    /** The invitee types the invited address. */
    TYPED,
    /** The invitee enters a one-time code sent to the invited address. */
    CODE;

    /**
     * Parses a wire name, case-insensitively and ignoring surrounding spaces.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_POLICY} (field {@code confirmation}) if null,
     *     blank or unknown
     */
    public static ConfirmationMode fromWire(String wire) {
        return PolicySettings.CONFIRMATION.parse(wire);
    }
}
