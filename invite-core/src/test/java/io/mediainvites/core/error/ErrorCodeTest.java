package io.mediainvites.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

    @ParameterizedTest
    @CsvSource({
        "INVALID_REQUEST, invalid_request, 400",
        "INVALID_JSON, invalid_json, 400",
        "INVALID_EMAIL, invalid_email, 400",
        "INVALID_NAME, invalid_name, 400",
        "UNKNOWN_MEDIA_TYPE, unknown_media_type, 400",
        "ROLE_NOT_ALLOWED, role_not_allowed, 400",
        "INVALID_SCHEDULE, invalid_schedule, 400",
        "LIFETIME_EXCEEDS_POLICY, lifetime_exceeds_policy, 400",
        "USE_LIMIT_EXCEEDS_POLICY, use_limit_exceeds_policy, 400",
        "DOMAIN_BLOCKED, domain_blocked, 403",
        "DOMAIN_NOT_ALLOWED, domain_not_allowed, 403",
        "INVALID_POLICY, invalid_policy, 400",
        "NOT_AUTHENTICATED, not_authenticated, 401",
        "FORBIDDEN, forbidden, 403",
        "MEDIA_NOT_FOUND, media_not_found, 404",
        "INVITE_NOT_FOUND, invite_not_found, 404",
        "INVITE_PENDING_EXISTS, invite_pending_exists, 409",
        "EMAIL_NOT_AVAILABLE, email_not_available, 400",
        "INVITE_NOT_REDEEMABLE, invite_not_redeemable, 409",
        "PRIVILEGED_ACCOUNT, privileged_account, 400",
        "INVALID_CONTENT_TYPE, invalid_content_type, 400",
        "CONFLICT, conflict, 409",
        "RATE_LIMITED, rate_limited, 429",
        "BATCH_TOO_LARGE, batch_too_large, 400",
        "INVALID_CSV, invalid_csv, 400",
    })
    void wireCodeAndStatusAreThePublicContract(ErrorCode code, String wire, int status) {
        assertThat(code.code()).isEqualTo(wire);
        assertThat(code.httpStatus()).isEqualTo(status);
        assertThat(code.messageKey()).isEqualTo("mediaInvites.error." + wire);
    }

    @Test
    void everyConstantIsCoveredByTheContractTable() {
        assertThat(ErrorCode.values()).hasSize(25);
    }

    @Test
    void wireCodesAreUnique() {
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
        assertThat(codes).hasSize(ErrorCode.values().length);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void defaultDescriptionIsASentence(ErrorCode code) {
        assertThat(code.defaultDescription()).isNotBlank().endsWith(".");
        assertThat(Character.isUpperCase(code.defaultDescription().charAt(0))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void statusIsAClientError(ErrorCode code) {
        assertThat(code.httpStatus()).isBetween(400, 499);
    }
}
