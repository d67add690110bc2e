package io.mediainvites.core.media;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.mediainvites.core.error.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScheduleTest {

    private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant END = Instant.parse("2030-01-01T11:00:00Z");

    @ParameterizedTest
    @EnumSource(value = MediaType.class, names = {"WEBCAST", "SIMULIVE", "DIY_LIVE", "ROOM"})
    void liveTypesTakeStartAndEnd(MediaType type) {
        assertThat(Schedule.of(type, START, END)).isEqualTo(new Schedule(START, END));
    }

    @ParameterizedTest
    @EnumSource(value = MediaType.class, names = {"WEBCAST", "SIMULIVE", "DIY_LIVE", "ROOM"})
    void liveTypesMayOmitTheEnd(MediaType type) {
        Schedule schedule = Schedule.of(type, START, null);
        assertThat(schedule.startsAt()).isEqualTo(START);
        assertThat(schedule.endsAt()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = MediaType.class, names = {"WEBCAST", "SIMULIVE", "DIY_LIVE", "ROOM"})
    void liveTypesRequireAStart(MediaType type) {
        assertRule(() -> Schedule.of(type, null, null), ErrorCode.INVALID_SCHEDULE, "startsAt");
        assertRule(() -> Schedule.of(type, null, END), ErrorCode.INVALID_SCHEDULE, "startsAt");
    }

    @Test
    void endMustBeAfterStart() {
        assertRule(() -> Schedule.of(MediaType.WEBCAST, START, START), ErrorCode.INVALID_SCHEDULE, "endsAt");
        assertRule(() -> Schedule.of(MediaType.WEBCAST, END, START), ErrorCode.INVALID_SCHEDULE, "endsAt");
        assertThat(Schedule.of(MediaType.WEBCAST, START, START.plusNanos(1)).endsAt()).isEqualTo(START.plusNanos(1));
    }

    @Test
    void constructorEnforcesTypeIndependentRules() {
        assertRule(() -> new Schedule(null, END), ErrorCode.INVALID_SCHEDULE, "startsAt");
        assertRule(() -> new Schedule(END, START), ErrorCode.INVALID_SCHEDULE, "endsAt");
    }

    @ParameterizedTest
    @EnumSource(value = MediaType.class, names = {"WEBCAST", "SIMULIVE", "DIY_LIVE", "ROOM"},
            mode = EnumSource.Mode.EXCLUDE)
    void onDemandTypesHaveNoSchedule(MediaType type) {
        assertThat(Schedule.of(type, null, null)).isEqualTo(Schedule.NONE);
        var e = assertRule(() -> Schedule.of(type, START, null), ErrorCode.INVALID_SCHEDULE, "startsAt");
        assertThat(e.description()).contains(type.wire());
        assertRule(() -> Schedule.of(type, null, END), ErrorCode.INVALID_SCHEDULE, "endsAt");
        assertRule(() -> Schedule.of(type, START, END), ErrorCode.INVALID_SCHEDULE, "startsAt");
    }

    @Test
    void typeIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> Schedule.of(null, START, END));
    }

    @Test
    void noStartIsNotLive() {
        assertThat(Schedule.NONE.phaseAt(START)).isEqualTo(LivePhase.NOT_LIVE);
    }

    @Test
    void phasesAroundABoundedSession() {
        Schedule schedule = new Schedule(START, END);
        assertThat(schedule.phaseAt(START.minusSeconds(3600))).isEqualTo(LivePhase.BEFORE_START);
        assertThat(schedule.phaseAt(START.minusNanos(1))).isEqualTo(LivePhase.BEFORE_START);
        assertThat(schedule.phaseAt(START)).isEqualTo(LivePhase.OPEN);
        assertThat(schedule.phaseAt(END.minusNanos(1))).isEqualTo(LivePhase.OPEN);
        assertThat(schedule.phaseAt(END)).isEqualTo(LivePhase.ENDED);
        assertThat(schedule.phaseAt(END.plusSeconds(86_400))).isEqualTo(LivePhase.ENDED);
    }

    @Test
    void openEndedSessionNeverEnds() {
        Schedule schedule = new Schedule(START, null);
        assertThat(schedule.phaseAt(START.minusNanos(1))).isEqualTo(LivePhase.BEFORE_START);
        assertThat(schedule.phaseAt(START)).isEqualTo(LivePhase.OPEN);
        assertThat(schedule.phaseAt(Instant.MAX)).isEqualTo(LivePhase.OPEN);
    }

    @Test
    void nowIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new Schedule(START, END).phaseAt(null));
    }

    @Test
    void timesOutsideTheStorableRangeNameTheirField() {
        Instant far = Instant.parse("+1000000000-01-01T00:00:00Z");
        assertRule(() -> Schedule.of(MediaType.WEBCAST, far, null), ErrorCode.INVALID_SCHEDULE, "startsAt");
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        assertRule(() -> Schedule.of(MediaType.WEBCAST, start, far), ErrorCode.INVALID_SCHEDULE, "endsAt");
        assertRule(() -> Schedule.of(MediaType.WEBCAST, Instant.parse("1969-12-31T23:59:59Z"), null),
                ErrorCode.INVALID_SCHEDULE, "startsAt");
        assertThat(Schedule.of(MediaType.WEBCAST, Schedule.LATEST, null).startsAt()).isEqualTo(Schedule.LATEST);
    }
}
