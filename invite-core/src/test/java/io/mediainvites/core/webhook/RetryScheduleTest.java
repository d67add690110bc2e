package io.mediainvites.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = RetrySchedule.standard();

    @Test
    void doublesFromTenSecondsUpToAnHour() {
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(schedule.delayAfter(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(schedule.delayAfter(12)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delayAfter(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void givesUpOnceTheNextAttemptWouldBeMoreThanADayAfterTheEvent() {
        Instant created = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(schedule.nextAttempt(created, 1, created)).contains(created.plusSeconds(10));
        Instant late = created.plus(Duration.ofHours(23)).plusSeconds(30 * 60);
        assertThat(schedule.nextAttempt(created, 20, late)).isEmpty();
        assertThat(schedule.nextAttempt(created, 20, created.plus(Duration.ofHours(22)))).isPresent();
    }

    @Test
    void shorterFirstDelayForTests() {
        RetrySchedule quick = RetrySchedule.startingAt(Duration.ofMillis(500));
        assertThat(quick.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(quick.delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> RetrySchedule.startingAt(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
