package io.mediainvites.core.redeem;

import static io.mediainvites.core.media.InviteRole.MODERATOR;
import static io.mediainvites.core.media.InviteRole.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.media.InviteRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MediaGrantTest {

    private static MediaGrant grant(InviteRole role, String invite, long exp) {
        return new MediaGrant("app", "media-1", role, invite, exp);
    }

    @ParameterizedTest
    @CsvSource({
        "VIEWER, SPEAKER",
        "VIEWER, MODERATOR",
        "SPEAKER, MODERATOR",
    })
    void theHigherRoleIsBetterWhicheverComesFirst(InviteRole lower, InviteRole higher) {
        MediaGrant low = grant(lower, "low", 5000);
        MediaGrant high = grant(higher, "high", 1000);
        assertThat(MediaGrant.better(low, high)).isSameAs(high);
        assertThat(MediaGrant.better(high, low)).isSameAs(high);
    }

    @ParameterizedTest
    @EnumSource(InviteRole.class)
    void forEqualRolesTheLaterExpiryIsBetter(InviteRole role) {
        MediaGrant early = grant(role, "early", 1000);
        MediaGrant late = grant(role, "late", 2000);
        assertThat(MediaGrant.better(early, late)).isSameAs(late);
        assertThat(MediaGrant.better(late, early)).isSameAs(late);
    }

    @Test
    void aLowerRoleNeverLendsItsExpiryToAHigherGrant() {
        MediaGrant chosen = MediaGrant.better(grant(MODERATOR, "m", 1000), grant(VIEWER, "v", 9000));
        assertThat(chosen).isEqualTo(grant(MODERATOR, "m", 1000));
    }

    @Test
    void activeUntilExactlyExp() {
        MediaGrant g = grant(VIEWER, "i", 1000);
        assertThat(g.activeAt(0)).isTrue();
        assertThat(g.activeAt(999)).isTrue();
        assertThat(g.activeAt(1000)).isFalse();
        assertThat(g.activeAt(1001)).isFalse();
    }
}
