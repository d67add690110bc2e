package io.mediainvites.core.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.redeem.CodeChallenge.Check;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CodeChallengeTest {

    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void theIssuedCodePassesAndOthersDoNot() {
        CodeChallenge.Issued issued = CodeChallenge.issue(null, T0, TEN_MINUTES);
        assertThat(issued.code()).matches("\\d{6}");
        assertThat(issued.challenge().check(issued.code(), T0.plusSeconds(60))).isEqualTo(Check.OK);
        assertThat(issued.challenge().check(" " + issued.code().substring(0, 3) + " " + issued.code().substring(3), T0))
                .as("spaces typed into the code are ignored").isEqualTo(Check.OK);
        String other = issued.code().equals("000000") ? "000001" : "000000";
        assertThat(issued.challenge().check(other, T0)).isEqualTo(Check.WRONG);
        assertThat(issued.challenge().check("", T0)).isEqualTo(Check.WRONG);
        assertThat(issued.challenge().check(null, T0)).isEqualTo(Check.WRONG);
        assertThat(issued.challenge().check(issued.code() + "0", T0)).isEqualTo(Check.WRONG);
    }

    @Test
    void theCodeIsNeverStoredInClear() {
        CodeChallenge.Issued issued = CodeChallenge.issue(null, T0, TEN_MINUTES);
        assertThat(issued.challenge().serialise()).doesNotContain(issued.code());
        assertThat(issued.challenge().toString()).doesNotContain(issued.code()).doesNotContain(issued.challenge().hash());
    }

    @Test
    void expiresAtItsEnd() {
        CodeChallenge.Issued issued = CodeChallenge.issue(null, T0, TEN_MINUTES);
        assertThat(issued.challenge().check(issued.code(), T0.plus(TEN_MINUTES).minusMillis(1))).isEqualTo(Check.OK);
        assertThat(issued.challenge().check(issued.code(), T0.plus(TEN_MINUTES))).isEqualTo(Check.EXPIRED);
    }

    @Test
    void afterFiveWrongAttemptsEvenTheRightCodeIsRefused() {
        CodeChallenge.Issued issued = CodeChallenge.issue(null, T0, TEN_MINUTES);
        CodeChallenge c = issued.challenge();
        for (int i = 0; i < CodeChallenge.MAX_ATTEMPTS; i++) {
            assertThat(c.attemptsLeft()).isEqualTo(CodeChallenge.MAX_ATTEMPTS - i);
            c = c.afterWrongAttempt();
        }
        assertThat(c.attemptsLeft()).isZero();
        assertThat(c.check(issued.code(), T0)).isEqualTo(Check.TOO_MANY_ATTEMPTS);
    }

    @Test
    void newCodesAreRateLimited() {
        assertThat(CodeChallenge.maySend(null, T0)).isTrue();
        CodeChallenge first = CodeChallenge.issue(null, T0, TEN_MINUTES).challenge();
        assertThat(CodeChallenge.maySend(first, T0.plusSeconds(29))).isFalse();
        assertThat(CodeChallenge.maySend(first, T0.plusSeconds(30))).isTrue();
        CodeChallenge c = first;
        Instant t = T0;
        for (int i = 1; i < CodeChallenge.MAX_SENDS; i++) {
            t = t.plusSeconds(30);
            c = CodeChallenge.issue(c, t, TEN_MINUTES).challenge();
        }
        assertThat(c.sends()).isEqualTo(CodeChallenge.MAX_SENDS);
        assertThat(CodeChallenge.maySend(c, t.plusSeconds(3600))).isFalse();
    }

    @Test
    void aNewCodeReplacesTheOldOne() {
        CodeChallenge.Issued first = CodeChallenge.issue(null, T0, TEN_MINUTES);
        CodeChallenge.Issued second = CodeChallenge.issue(first.challenge(), T0.plusSeconds(30), TEN_MINUTES);
        if (!first.code().equals(second.code())) {
            assertThat(second.challenge().check(first.code(), T0.plusSeconds(31))).isEqualTo(Check.WRONG);
        }
        assertThat(second.challenge().check(second.code(), T0.plusSeconds(31))).isEqualTo(Check.OK);
        assertThat(second.challenge().attempts()).isZero();
    }

    @Test
    void noteRoundTripsAndDamagedNotesAreNull() {
        CodeChallenge c = CodeChallenge.issue(null, T0, TEN_MINUTES).challenge().afterWrongAttempt();
        assertThat(CodeChallenge.parse(c.serialise())).isEqualTo(c);
        assertThat(CodeChallenge.parse(null)).isNull();
        assertThat(CodeChallenge.parse("a|b|c")).isNull();
        assertThat(CodeChallenge.parse("a|b|x|0|0|1")).isNull();
    }
}
