package io.mediainvites.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.mediainvites.core.policy.UseLimit;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InviteStateTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Instant FUTURE = NOW.plusSeconds(3600);
    private static final Instant PAST = NOW.minusSeconds(1);

    /**
     * Columns: limit, useCount, expired?, revoked?, mediaDeleted?, expected. Covers each precedence level
     * alone and combined with every lower level.
     */
    @ParameterizedTest
    @CsvSource({
        // pending / active
        "1, 0, false, false, false, PENDING",
        "-1, 0, false, false, false, PENDING",
        "3, 1, false, false, false, ACTIVE",
        "3, 2, false, false, false, ACTIVE",
        "-1, 500, false, false, false, ACTIVE",
        // expired beats pending and active
        "1, 0, true, false, false, EXPIRED",
        "3, 2, true, false, false, EXPIRED",
        "-1, 9, true, false, false, EXPIRED",
        // used up beats expired
        "1, 1, false, false, false, USED_UP",
        "3, 3, false, false, false, USED_UP",
        "3, 4, false, false, false, USED_UP",
        "1, 1, true, false, false, USED_UP",
        // unlimited is never used up
        "-1, 2147483647, false, false, false, ACTIVE",
        // revoked beats everything
        "1, 0, false, true, false, REVOKED",
        "1, 1, true, true, false, REVOKED",
        "3, 1, false, true, false, REVOKED",
        // a deleted media entry revokes
        "1, 0, false, false, true, REVOKED",
        "1, 1, true, false, true, REVOKED",
        "-1, 3, false, true, true, REVOKED",
    })
    void precedence(int limit, int useCount, boolean expired, boolean revoked, boolean mediaDeleted,
            InviteStatus expected) {
        Instant expiresAt = expired ? PAST : FUTURE;
        Instant revokedAt = revoked ? NOW.minusSeconds(60) : null;
        assertThat(InviteState.statusOf(expiresAt, UseLimit.of(limit), useCount, revokedAt, mediaDeleted, NOW))
                .isEqualTo(expected);
    }

    @Test
    void expiresExactlyAtExpiresAt() {
        assertThat(InviteState.statusOf(NOW, UseLimit.of(1), 0, null, false, NOW)).isEqualTo(InviteStatus.EXPIRED);
        assertThat(InviteState.statusOf(NOW.plusNanos(1), UseLimit.of(1), 0, null, false, NOW))
                .isEqualTo(InviteStatus.PENDING);
    }

    @Test
    void revokedInTheFutureStillCountsAsRevoked() {
        assertThat(InviteState.statusOf(FUTURE, UseLimit.of(1), 0, FUTURE, false, NOW))
                .isEqualTo(InviteStatus.REVOKED);
    }

    @Test
    void invalidInputsAreBugs() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InviteState.statusOf(FUTURE, UseLimit.of(1), -1, null, false, NOW));
        assertThatNullPointerException()
                .isThrownBy(() -> InviteState.statusOf(null, UseLimit.of(1), 0, null, false, NOW));
        assertThatNullPointerException().isThrownBy(() -> InviteState.statusOf(FUTURE, null, 0, null, false, NOW));
        assertThatNullPointerException()
                .isThrownBy(() -> InviteState.statusOf(FUTURE, UseLimit.of(1), 0, null, false, null));
    }
}
