package io.mediainvites.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediainvites.core.error.InviteRuleException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveValidityTest {

    private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(30);
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void anEventBoundLinkWorksUntilTheEndPlusTheGrace() {
        Instant start = ISSUED.plus(Duration.ofDays(3));
        Instant end = start.plus(Duration.ofHours(2));
        assertThat(LiveValidity.eventExpiry(ISSUED, start, end, GRACE, DAY)).isEqualTo(end.plus(GRACE));
        // longer than the lifetime, and shorter: the event decides
        Instant soon = ISSUED.plus(Duration.ofHours(1));
        assertThat(LiveValidity.eventExpiry(ISSUED, ISSUED, soon, GRACE, DAY)).isEqualTo(soon.plus(GRACE));
    }

    @Test
    void neverMoreThanThirtyDaysFromTheIssueNorBeforeIt() {
        Instant far = ISSUED.plus(Duration.ofDays(60));
        assertThat(LiveValidity.eventExpiry(ISSUED, far, far.plusSeconds(3600), GRACE, DAY))
                .isEqualTo(ISSUED.plus(PolicySettings.MAX_LINK_LIFETIME));
        Instant past = ISSUED.minus(Duration.ofDays(2));
        assertThat(LiveValidity.eventExpiry(ISSUED, past, past.plusSeconds(60), GRACE, DAY)).isEqualTo(ISSUED);
    }

    @Test
    void withoutAnEndAtLeastTheLifetimeAndAtLeastTheStartPlusGrace() {
        Instant start = ISSUED.plus(Duration.ofDays(3));
        assertThat(LiveValidity.eventExpiry(ISSUED, start, null, GRACE, DAY)).isEqualTo(start.plus(GRACE));
        Instant early = ISSUED.plus(Duration.ofHours(1));
        assertThat(LiveValidity.eventExpiry(ISSUED, early, null, GRACE, DAY)).isEqualTo(ISSUED.plus(DAY));
    }

    @Test
    void theSettingsReadAndRefuseTheirValues() {
        InvitePolicy p = InvitePolicy.fromAttributes(Map.of("mediaInvites.liveValidity", "EVENT",
                "mediaInvites.liveGraceMinutes", "0", "mediaInvites.reminderMinutes", "15"));
        assertThat(p.liveValidity()).isEqualTo(LiveValidity.EVENT);
        assertThat(p.liveGrace()).isZero();
        assertThat(p.reminderLead()).isEqualTo(Duration.ofMinutes(15));
        assertThat(InvitePolicy.DEFAULTS.liveValidity()).isEqualTo(LiveValidity.LIFETIME);
        assertThat(InvitePolicy.DEFAULTS.liveGrace()).isEqualTo(GRACE);
        assertThat(InvitePolicy.DEFAULTS.reminderLead()).isZero();
        for (Map<String, String> bad : new Map[] {Map.of("mediaInvites.liveValidity", "forever"),
                Map.of("mediaInvites.liveGraceMinutes", "1441"), Map.of("mediaInvites.liveGraceMinutes", "-1"),
                Map.of("mediaInvites.reminderMinutes", "10081"), Map.of("mediaInvites.reminderMinutes", "5m")}) {
            assertThatThrownBy(() -> InvitePolicy.fromAttributes(bad)).as(bad.toString())
                    .isInstanceOf(InviteRuleException.class);
        }
    }
}
