package io.mediainvites.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateRuleTest {

    private static final RateRule PER_MINUTE = new RateRule("test", 3, Duration.ofMinutes(1));

    @Test
    void windowsAreAlignedToTheEpochSoEveryNodeAgrees() {
        Instant t = Instant.parse("2026-12-01T10:15:42.123Z");
        assertThat(PER_MINUTE.windowStart(t)).isEqualTo(Instant.parse("2026-12-01T10:15:00Z").toEpochMilli());
        assertThat(PER_MINUTE.windowEnd(PER_MINUTE.windowStart(t)))
                .isEqualTo(Instant.parse("2026-12-01T10:16:00Z").toEpochMilli());
        assertThat(PER_MINUTE.windowStart(Instant.parse("2026-12-01T10:15:59.999Z"))).isEqualTo(PER_MINUTE.windowStart(t));
    }

    @Test
    void allowsUpToMaxThenSaysWhenTheWindowEnds() {
        Instant t = Instant.parse("2026-12-01T10:15:42.100Z");
        assertThat(PER_MINUTE.decide(0, t)).satisfies(d -> {
            assertThat(d.allowed()).isTrue();
            assertThat(d.count()).isEqualTo(1);
            assertThat(d.remaining()).isEqualTo(2);
            assertThat(d.retryAfter()).isNull();
        });
        assertThat(PER_MINUTE.decide(2, t).allowed()).isTrue();
        RateDecision refused = PER_MINUTE.decide(3, t);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        // 17.9 s left in the window: rounded up to whole seconds
        assertThat(refused.retryAfterSeconds()).isEqualTo(18L);
        assertThat(PER_MINUTE.decide(3, Instant.parse("2026-12-01T10:15:59.999Z")).retryAfterSeconds()).isEqualTo(1L);
    }

    @Test
    void aLimitInTotalNeverResetsAndHasNoRetryAfter() {
        RateRule total = new RateRule("total", 2, null);
        assertThat(total.total()).isTrue();
        assertThat(total.windowStart(Instant.now())).isZero();
        assertThat(total.windowEnd(0)).isNull();
        assertThat(total.decide(1, Instant.now()).allowed()).isTrue();
        RateDecision refused = total.decide(2, Instant.now());
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isNull();
    }

    @Test
    void theExtensionsRulesAreTheSpecsNumbers() {
        assertThat(RateRule.CODE_MAIL.max()).isEqualTo(5);
        assertThat(RateRule.CODE_MAIL.window()).isEqualTo(Duration.ofHours(1));
        assertThat(RateRule.CODE_WRONG.max()).isEqualTo(10);
        assertThat(RateRule.CODE_WRONG.total()).isTrue();
        assertThat(RateRule.INVITEE_LOOKUP.total()).isFalse();
        assertThat(RateRule.LINK_REISSUE.total()).isFalse();
    }

    @Test
    void badRulesAreRefused() {
        assertThatThrownBy(() -> new RateRule("Has Space", 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateRule("x", 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateRule("x", 1, Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
    }
}
