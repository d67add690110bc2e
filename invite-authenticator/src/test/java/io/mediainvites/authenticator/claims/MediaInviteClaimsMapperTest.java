package io.mediainvites.authenticator.claims;

import static io.mediainvites.core.media.InviteRole.MODERATOR;
import static io.mediainvites.core.media.InviteRole.SPEAKER;
import static io.mediainvites.core.media.InviteRole.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.redeem.MediaGrant;
import io.mediainvites.core.redeem.MediaGrants;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaInviteClaimsMapperTest {

    private static final long NOW = 1_767_225_600L;

    private static String note(MediaGrant... grants) {
        MediaGrants all = new MediaGrants();
        for (MediaGrant g : grants) {
            all.add(g);
        }
        return all.serialise();
    }

    private static Map<String, Object> entry(String role, String invite, long exp) {
        return Map.of("role", role, "invite", invite, "exp", exp);
    }

    @Test
    void claimHasOneEntryPerActiveMediaOfTheClient() {
        String note = note(
                new MediaGrant("app", "m1", MODERATOR, "inv-1", NOW + 3600),
                new MediaGrant("app", "m2", VIEWER, "inv-2", NOW + 60));
        Map<String, Object> claim = MediaInviteClaimsMapper.claimFor(note, "app", NOW);
        assertThat(claim).containsExactly(
                Map.entry("m1", entry("moderator", "inv-1", NOW + 3600)),
                Map.entry("m2", entry("viewer", "inv-2", NOW + 60)));
    }

    @Test
    void expIsANumberNotAString() {
        Map<String, Object> claim = MediaInviteClaimsMapper.claimFor(
                note(new MediaGrant("app", "m", SPEAKER, "i", NOW + 1)), "app", NOW);
        assertThat(claim.get("m")).isInstanceOfSatisfying(Map.class,
                e -> assertThat(e.get("exp")).isInstanceOf(Long.class).isEqualTo(NOW + 1));
    }

    @Test
    void grantsOfOtherClientsAreNeverIncluded() {
        String note = note(
                new MediaGrant("app", "shared-id", VIEWER, "inv-a", NOW + 100),
                new MediaGrant("other-app", "shared-id", MODERATOR, "inv-b", NOW + 100),
                new MediaGrant("other-app", "only-other", MODERATOR, "inv-c", NOW + 100));
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app", NOW))
                .containsExactly(Map.entry("shared-id", entry("viewer", "inv-a", NOW + 100)));
        assertThat(MediaInviteClaimsMapper.claimFor(note, "other-app", NOW)).containsOnlyKeys("shared-id", "only-other")
                .containsEntry("shared-id", entry("moderator", "inv-b", NOW + 100));
        assertThat(MediaInviteClaimsMapper.claimFor(note, "third-app", NOW)).isEmpty();
        assertThat(MediaInviteClaimsMapper.claimFor(note, "APP", NOW)).isEmpty();
    }

    @Test
    void expiredGrantsAreLeftOutFromExactlyTheirExpiry() {
        String note = note(
                new MediaGrant("app", "ends-now", VIEWER, "i1", NOW),
                new MediaGrant("app", "ends-next-second", VIEWER, "i2", NOW + 1),
                new MediaGrant("app", "ended", VIEWER, "i3", NOW - 1));
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app", NOW - 1)).containsOnlyKeys("ends-now", "ends-next-second");
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app", NOW)).containsOnlyKeys("ends-next-second");
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app", NOW + 1)).isEmpty();
    }

    @Test
    void upgradedGrantsShowTheUpgradedRole() {
        String note = note(
                new MediaGrant("app", "m", VIEWER, "inv-1", NOW + 100),
                new MediaGrant("app", "m", MODERATOR, "inv-2", NOW + 200));
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app", NOW))
                .containsExactly(Map.entry("m", entry("moderator", "inv-2", NOW + 200)));
    }

    @Test
    void awkwardIdsAppearDecoded() {
        String note = note(new MediaGrant("app|x", "media id|ü\n", SPEAKER, "inv|1", NOW + 100));
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app|x", NOW))
                .containsExactly(Map.entry("media id|ü\n", entry("speaker", "inv|1", NOW + 100)));
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app", NOW)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n", "garbage", "{\"m\":{\"role\":\"moderator\"}}", "app|m|admin|i|9999999999",
        "app|m|viewer|i|never", "app|m|viewer|i"})
    void noClaimForAMissingOrUnusableNote(String note) {
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app", NOW)).isEmpty();
    }

    @Test
    void aDamagedLineDoesNotHideTheOthers() {
        String good = note(new MediaGrant("app", "m", VIEWER, "i", NOW + 10));
        String note = "app|bad|root|i|" + (NOW + 10) + "\n" + good + "\nnot a grant";
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app", NOW))
                .containsExactly(Map.entry("m", entry("viewer", "i", NOW + 10)));
    }

    @Test
    void theClaimIsAFreshMapEachTime() {
        String note = note(new MediaGrant("app", "m", VIEWER, "i", NOW + 10));
        Map<String, Object> first = MediaInviteClaimsMapper.claimFor(note, "app", NOW);
        first.clear();
        assertThat(MediaInviteClaimsMapper.claimFor(note, "app", NOW)).containsOnlyKeys("m");
    }
}
