package io.mediainvites.core.error;

/**
 * Every rule violation the extension reports to a client, with its stable wire code, HTTP status,
 * i18n message key and a default English description.
 *
 * <p>The wire code is part of the public API: clients branch on it, so it never changes.
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request", 400, "The request is malformed or misses a required value."),
    INVALID_JSON("invalid_json", 400, "The request body is not valid JSON."),
    INVALID_EMAIL("invalid_email", 400, "The e-mail address is not valid."),
    INVALID_NAME("invalid_name", 400, "The name is missing or not valid."),
    UNKNOWN_MEDIA_TYPE("unknown_media_type", 400, "The media type is not known."),
    ROLE_NOT_ALLOWED("role_not_allowed", 400, "The role is not allowed for this media type."),
    INVALID_SCHEDULE("invalid_schedule", 400, "The schedule (start and end) is not valid for this media type."),
    LIFETIME_EXCEEDS_POLICY("lifetime_exceeds_policy", 400,
            "The requested link lifetime is longer than the realm policy allows."),
    USE_LIMIT_EXCEEDS_POLICY("use_limit_exceeds_policy", 400,
            "The requested use limit is higher than the realm policy allows."),
    DOMAIN_BLOCKED("domain_blocked", 403, "Invites to e-mail addresses of this domain are blocked."),
    DOMAIN_NOT_ALLOWED("domain_not_allowed", 403, "Invites to e-mail addresses of this domain are not allowed."),
    PRIVILEGED_ACCOUNT("privileged_account", 400,
            "This address belongs to an account that cannot be invited: service accounts and accounts with"
                    + " administrative rights are never invitees."),
    INVALID_POLICY("invalid_policy", 400, "The invite policy contains an invalid value."),
    NOT_AUTHENTICATED("not_authenticated", 401, "You must be signed in to do this."),
    FORBIDDEN("forbidden", 403, "You are not permitted to do this."),
    MEDIA_NOT_FOUND("media_not_found", 404, "The media entry does not exist."),
    INVITE_NOT_FOUND("invite_not_found", 404, "The invite does not exist."),
    INVITE_PENDING_EXISTS("invite_pending_exists", 409,
            "A pending invite for this e-mail address and media entry already exists."),
    EMAIL_NOT_AVAILABLE("email_not_available", 400,
            "Sending the invite by e-mail is not available in this realm."),
    INVITE_NOT_REDEEMABLE("invite_not_redeemable", 409,
            "The invite is revoked, used up or expired; issue a new invite instead."),
    INVALID_CONTENT_TYPE("invalid_content_type", 400, "The request body must be sent as application/json."),
    CONFLICT("conflict", 409, "Another request changed the same data at the same time; read it again and retry."),
    RATE_LIMITED("rate_limited", 429, "Too many requests; wait before trying again."),
    BATCH_TOO_LARGE("batch_too_large", 400, "The batch has too many rows or its body is too large."),
    INVALID_CSV("invalid_csv", 400, "The CSV body is not valid or its header row is wrong.");

    /** Prefix of every {@link #messageKey()}. */
    public static final String MESSAGE_KEY_PREFIX = "mediaInvites.error.";

    private final String code;
    private final int httpStatus;
    private final String defaultDescription;

    ErrorCode(String code, int httpStatus, String defaultDescription) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.defaultDescription = defaultDescription;
    }

    /** The stable wire code, e.g. {@code invalid_email}. */
    public String code() {
        return code;
    }

    /** The HTTP status a REST endpoint answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The theme message key, e.g. {@code mediaInvites.error.invalid_email}. */
    public String messageKey() {
        return MESSAGE_KEY_PREFIX + code;
    }

    /** A clear English sentence describing the error in general terms. */
    public String defaultDescription() {
        return defaultDescription;
    }
}
