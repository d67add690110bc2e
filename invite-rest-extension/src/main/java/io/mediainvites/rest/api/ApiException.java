package io.mediainvites.rest.api;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;

/** A refusal of the API, carried to {@link ApiResponses}: always an error code and a human description. */
public class ApiException extends InviteRuleException {

    private final transient java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();

    public ApiException(ErrorCode code, String description) {
        super(code, description);
    }

    public ApiException(ErrorCode code, String field, String description) {
        super(code, field, description);
    }

    public ApiException(ErrorCode code) {
        super(code, code.defaultDescription());
    }

    /** Adds a machine-readable member to the error body (for example {@code invite_id}). */
    public ApiException with(String name, Object value) {
        details.put(name, value);
        return this;
    }

    public java.util.Map<String, Object> details() {
        return details;
    }

    public static ApiException notAuthenticated() {
        return new ApiException(ErrorCode.NOT_AUTHENTICATED);
    }

    public static ApiException forbidden(String why) {
        return new ApiException(ErrorCode.FORBIDDEN, why);
    }

    public static ApiException invalid(String description) {
        return new ApiException(ErrorCode.INVALID_REQUEST, description);
    }
}
