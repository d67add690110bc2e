package io.mediainvites.core.redeem;

import static io.mediainvites.core.media.InviteRole.MODERATOR;
import static io.mediainvites.core.media.InviteRole.SPEAKER;
import static io.mediainvites.core.media.InviteRole.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mediainvites.core.media.InviteRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void aHigherRoleUpgradesAndBringsItsInvite(InviteRole held, InviteRole next) {
        MediaGrant upgraded = grant(held, "old", 1000).upgradeWith(grant(next, "new", 2000));
        assertThat(upgraded).isEqualTo(new MediaGrant("app", "media-1", next, "new", 2000));
    }

    @ParameterizedTest
    @CsvSource({
        "SPEAKER, VIEWER",
        "MODERATOR, VIEWER",
        "MODERATOR, SPEAKER",
    })
    void aLowerRoleNeverDowngradesAndKeepsTheHeldInvite(InviteRole held, InviteRole next) {
        MediaGrant kept = grant(held, "old", 1000).upgradeWith(grant(next, "new", 900));
        assertThat(kept).isEqualTo(new MediaGrant("app", "media-1", held, "old", 1000));
    }

    @Test
    void aLowerRoleRedeemedLaterStillExtendsTheSession() {
        MediaGrant kept = grant(MODERATOR, "old", 1000).upgradeWith(grant(VIEWER, "new", 5000));
        assertThat(kept.role()).isEqualTo(MODERATOR);
        assertThat(kept.inviteId()).isEqualTo("old");
        assertThat(kept.exp()).isEqualTo(5000);
    }

    @Test
    void aHigherRoleWithAnEarlierExpiryKeepsTheLaterExpiry() {
        MediaGrant upgraded = grant(VIEWER, "old", 5000).upgradeWith(grant(MODERATOR, "new", 1000));
        assertThat(upgraded).isEqualTo(new MediaGrant("app", "media-1", MODERATOR, "new", 5000));
    }

    @ParameterizedTest
    @CsvSource({"VIEWER", "SPEAKER", "MODERATOR"})
    void anEqualRoleKeepsTheNewerInviteAndLaterExpiry(InviteRole role) {
        assertThat(grant(role, "old", 1000).upgradeWith(grant(role, "new", 2000)))
                .isEqualTo(grant(role, "new", 2000));
        assertThat(grant(role, "old", 2000).upgradeWith(grant(role, "new", 1000)))
                .isEqualTo(grant(role, "new", 2000));
    }

    @Test
    void forDifferentRolesTheOrderOfRedemptionDoesNotMatter() {
        MediaGrant a = grant(SPEAKER, "a", 1000);
        MediaGrant b = grant(MODERATOR, "b", 2000);
        assertThat(a.upgradeWith(b)).isEqualTo(b.upgradeWith(a));
    }

    @Test
    void grantsOfAnotherMediaEntryAreRejected() {
        MediaGrant held = grant(VIEWER, "old", 1000);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> held.upgradeWith(new MediaGrant("app", "media-2", MODERATOR, "new", 2000)));
    }

    @Test
    void grantsOfTheSameMediaIdOfAnotherAppAreRejected() {
        MediaGrant held = grant(VIEWER, "old", 1000);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> held.upgradeWith(new MediaGrant("other-app", "media-1", MODERATOR, "new", 2000)));
    }

    @Test
    void upgradeDoesNotChangeTheHeldGrant() {
        MediaGrant held = grant(VIEWER, "old", 1000);
        held.upgradeWith(grant(MODERATOR, "new", 2000));
        assertThat(held).isEqualTo(grant(VIEWER, "old", 1000));
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
