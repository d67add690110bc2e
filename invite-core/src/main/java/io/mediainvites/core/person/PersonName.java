package io.mediainvites.core.person;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;

/** Validation of an invitee's first and last name (spec I2). */
public final class PersonName {

    /** Longest name, in Unicode code points. */
    public static final int MAX_LENGTH = 100;

    private PersonName() {
    }

    /**
     * Validates a name: trimmed, not blank, at most {@value #MAX_LENGTH} code points, no ISO control characters.
     *
     * @param raw the name as entered
     * @param field the input field, e.g. {@code firstName}; named in the error description
     * @return the trimmed name
     * @throws InviteRuleException {@link ErrorCode#INVALID_NAME} with the given field if the name is not valid
     */
    public static String requireValid(String raw, String field) {
        String label = field == null || field.isBlank() ? "name" : field;
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw new InviteRuleException(ErrorCode.INVALID_NAME, label, label + " is required.");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new InviteRuleException(ErrorCode.INVALID_NAME, label,
                    label + " must not be longer than " + MAX_LENGTH + " characters.");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InviteRuleException(ErrorCode.INVALID_NAME, label,
                    label + " must not contain control characters.");
        }
        return name;
    }
}
