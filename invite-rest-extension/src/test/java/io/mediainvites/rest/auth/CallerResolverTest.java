package io.mediainvites.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.rest.api.ApiException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallerResolverTest {

    @Test
    void oneBearerTokenIsTaken() {
        assertThat(CallerResolver.bearerToken(List.of("Bearer eyJ.abc-_.x~+/=="))).isEqualTo("eyJ.abc-_.x~+/==");
        assertThat(CallerResolver.bearerToken(List.of("bearer   abc "))).isEqualTo("abc");
    }

    @Test
    void noHeaderIsABareChallenge() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> CallerResolver.bearerToken(List.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
        assertThat(e.invalidTokenPresented()).isFalse();
        assertThat(catchThrowableOfType(ApiException.class, () -> CallerResolver.bearerToken(null)).code())
                .isEqualTo(ErrorCode.NOT_AUTHENTICATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Basic Zm9v", "Token x", "Bearer a b", "Bearer \u00e9t\u00e9", "",
        "Bearer a\u0000b", "Bearer ==abc", "BearerX abc"})
    void malformedHeadersAreA401WithInvalidToken(String header) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> CallerResolver.bearerToken(Arrays.asList(header)));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
        assertThat(e.invalidTokenPresented()).isTrue();
    }

    @Test
    void twoHeadersAreRefused() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> CallerResolver.bearerToken(List.of("Bearer a", "Bearer a")));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
    }
}
