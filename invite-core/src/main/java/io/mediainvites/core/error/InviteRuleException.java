package io.mediainvites.core.error;

import java.util.Objects;

/**
 * A violated domain rule, carrying the {@link ErrorCode}, a human readable description and optionally
 * the name of the offending input field.
 *
 * <p>The description (also the exception message) is shown to clients and may be logged, so callers must
 * never put a token, link, one-time code or other secret into it. Stack traces are not filled in: these
 * exceptions are expected outcomes of validation, not bugs.
 */
public class InviteRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String description;
    private final String field;

    /**
     * @param code the error code, not null
     * @param description the client-facing description; null or blank uses {@link ErrorCode#defaultDescription()}
     */
    public InviteRuleException(ErrorCode code, String description) {
        this(code, null, description);
    }

    /**
     * @param code the error code, not null
     * @param field the name of the offending input field (e.g. {@code email}), may be null
     * @param description the client-facing description; null or blank uses {@link ErrorCode#defaultDescription()}
     */
    public InviteRuleException(ErrorCode code, String field, String description) {
        super(describe(code, description), null, false, false);
        this.code = code;
        this.field = field == null || field.isBlank() ? null : field;
        this.description = describe(code, description);
    }

    private static String describe(ErrorCode code, String description) {
        Objects.requireNonNull(code, "code");
        return description == null || description.isBlank() ? code.defaultDescription() : description;
    }

    /** The error code. */
    public ErrorCode code() {
        return code;
    }

    /** The client-facing description; never null. */
    public String description() {
        return description;
    }

    /** The offending input field, or null when the error is not about one field. */
    public String field() {
        return field;
    }
}
