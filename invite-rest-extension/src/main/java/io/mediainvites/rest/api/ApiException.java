package io.mediainvites.rest.api;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.limit.RateDecision;
import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal of the API, carried to {@link ApiResponses}: always an error code and a human description. */
public class ApiException extends InviteRuleException {

    private final transient Map<String, Object> details = new LinkedHashMap<>();
    private final transient Map<String, String> headers = new LinkedHashMap<>();
    private boolean invalidToken;

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

    /** Adds a response header (for example {@code Retry-After}). */
    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** No credentials at all: 401 with a bare {@code WWW-Authenticate: Bearer} challenge. */
    public static ApiException notAuthenticated() {
        return new ApiException(ErrorCode.NOT_AUTHENTICATED);
    }

    /** Credentials that are malformed, invalid or expired: 401 with {@code error="invalid_token"} in the challenge. */
    public static ApiException invalidToken() {
        return invalidToken("The access token is missing, invalid or expired.");
    }

    public static ApiException invalidToken(String description) {
        ApiException e = new ApiException(ErrorCode.NOT_AUTHENTICATED, description);
        e.invalidToken = true;
        return e;
    }

    /** Credentials were presented but not accepted (RFC 6750 {@code invalid_token}). */
    public boolean invalidTokenPresented() {
        return invalidToken;
    }

    public static ApiException forbidden(String why) {
        return new ApiException(ErrorCode.FORBIDDEN, why);
    }

    public static ApiException invalid(String description) {
        return new ApiException(ErrorCode.INVALID_REQUEST, description);
    }

    /** 429 {@code rate_limited} with {@code Retry-After} (and {@code retry_after} in the body) when the rule has a window. */
    public static ApiException rateLimited(RateDecision decision, String what) {
        ApiException e = new ApiException(ErrorCode.RATE_LIMITED, "Too many " + what + "; at most " + decision.max()
                + (decision.retryAfter() == null ? " in total." : " per window. Try again later."));
        if (decision.retryAfterSeconds() != null) {
            e.header("Retry-After", Long.toString(decision.retryAfterSeconds()))
                    .with("retry_after", decision.retryAfterSeconds());
        }
        return e;
    }
}
