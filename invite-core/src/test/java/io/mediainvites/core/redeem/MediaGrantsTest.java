package io.mediainvites.core.redeem;

import static io.mediainvites.core.media.InviteRole.MODERATOR;
import static io.mediainvites.core.media.InviteRole.SPEAKER;
import static io.mediainvites.core.media.InviteRole.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaGrantsTest {

    private static MediaGrants of(MediaGrant... grants) {
        MediaGrants result = new MediaGrants();
        for (MediaGrant g : grants) {
            result.add(g);
        }
        return result;
    }

    private static MediaGrants roundTrip(MediaGrants grants) {
        return MediaGrants.parse(grants.serialise());
    }

    @Nested
    class RoundTrip {

        @Test
        void plainGrantsSurviveInOrder() {
            MediaGrants grants = of(
                    new MediaGrant("app", "m1", VIEWER, "inv-1", 1_767_225_600L),
                    new MediaGrant("app", "m2", SPEAKER, "inv-2", 1_767_225_601L),
                    new MediaGrant("other", "m1", MODERATOR, "inv-3", 0L));
            assertThat(roundTrip(grants).all()).containsExactlyElementsOf(grants.all());
        }

        @Test
        void anEmptySetSerialisesToAnEmptyNote() {
            assertThat(new MediaGrants().serialise()).isEmpty();
            assertThat(MediaGrants.parse(new MediaGrants().serialise()).all()).isEmpty();
        }

        static Stream<String> awkwardIds() {
            return Stream.of("a|b", "|", "||||", "a\nb", "\n", "a\r\nb", "with space", " leading", "trailing ",
                    "plus+sign", "%", "%41", "%zz", "a&b=c", "ünïcødé", "日本語", "emoji 🎬", "tab\tbed", "\u0000nul",
                    "a/b?c#d", "'\"<>", "null", "");
        }

        @ParameterizedTest
        @MethodSource("awkwardIds")
        void awkwardMediaIdsSurvive(String id) {
            MediaGrant g = new MediaGrant("app", id, SPEAKER, "inv", 42L);
            assertThat(roundTrip(of(g)).all()).containsExactly(g);
        }

        @ParameterizedTest
        @MethodSource("awkwardIds")
        void awkwardClientIdsSurvive(String id) {
            MediaGrant g = new MediaGrant(id, "media", SPEAKER, "inv", 42L);
            assertThat(roundTrip(of(g)).all()).containsExactly(g);
        }

        @ParameterizedTest
        @MethodSource("awkwardIds")
        void awkwardInviteIdsSurvive(String id) {
            MediaGrant g = new MediaGrant("app", "media", SPEAKER, id, 42L);
            MediaGrant other = new MediaGrant("app", "other", VIEWER, "inv-2", 43L);
            assertThat(roundTrip(of(g, other)).all()).containsExactly(g, other);
        }

        @Test
        void manyAwkwardGrantsSurviveTogether() {
            MediaGrants grants = new MediaGrants();
            List<String> ids = awkwardIds().toList();
            long exp = 1;
            for (String client : ids) {
                grants.add(new MediaGrant(client, client + "|m\n", MODERATOR, "i|" + client, exp++));
            }
            assertThat(grants.all()).hasSize(ids.size());
            assertThat(roundTrip(grants).all()).containsExactlyElementsOf(grants.all());
            assertThat(grants.serialise().split("\n")).hasSize(ids.size());
        }

        @Test
        void extremeExpiriesSurvive() {
            MediaGrants grants = of(new MediaGrant("app", "a", VIEWER, "i", Long.MAX_VALUE),
                    new MediaGrant("app", "b", VIEWER, "i", Long.MIN_VALUE));
            assertThat(roundTrip(grants).all()).containsExactlyElementsOf(grants.all());
        }

        @Test
        void serialisingTwiceGivesTheSameNote() {
            MediaGrants grants = of(new MediaGrant("a|b", "m n", MODERATOR, "i", 10L),
                    new MediaGrant("c", "ü", VIEWER, "j", 20L));
            String note = grants.serialise();
            assertThat(MediaGrants.parse(note).serialise()).isEqualTo(note);
        }
    }

    @Nested
    class Parse {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\n", "\n\n", "garbage", "a|b|c", "a|b|viewer|i|1|extra", "{\"json\":true}"})
        void nothingUsableGivesNoGrants(String note) {
            assertThat(MediaGrants.parse(note).all()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "app|x|owner|inv|100",         // unknown role
            "app|x||inv|100",              // no role
            "app|x|viewer|inv|",           // no expiry
            "app|x|viewer|inv|soon",       // expiry not a number
            "app|x|viewer|inv|1.5",        // expiry not whole
            "app|x|viewer|inv|99999999999999999999", // expiry out of range
            "app|%zz|viewer|inv|100",      // broken percent encoding
            "app|%4|viewer|inv|100",       // truncated percent encoding
            "app|x|viewer|inv",            // field missing
            "app|x|viewer|inv|100|7",      // field too many
        })
        void damagedLinesAreSkippedWithoutLosingTheOthers(String damaged) {
            String note = "app|first|viewer|inv-1|100\n" + damaged + "\napp|last|moderator|inv-2|200";
            MediaGrants grants = MediaGrants.parse(note);
            assertThat(grants.all()).containsExactly(
                    new MediaGrant("app", "first", VIEWER, "inv-1", 100),
                    new MediaGrant("app", "last", MODERATOR, "inv-2", 200));
        }

        @Test
        void roleWireNamesAreReadLeniently() {
            assertThat(MediaGrants.parse("app|m|Moderator|i|5").all())
                    .containsExactly(new MediaGrant("app", "m", MODERATOR, "i", 5));
        }

        @Test
        void linesOfDifferentInvitesForOneMediaEntryAreAllKept() {
            String note = "app|m|moderator|inv-1|100\napp|m|viewer|inv-2|300";
            assertThat(MediaGrants.parse(note).all()).containsExactly(
                    new MediaGrant("app", "m", MODERATOR, "inv-1", 100), new MediaGrant("app", "m", VIEWER, "inv-2", 300));
        }

        @Test
        void percentEncodedIdsAreDecoded() {
            assertThat(MediaGrants.parse("my%7Capp|a+b%0Ac|speaker|i|5").all())
                    .containsExactly(new MediaGrant("my|app", "a b\nc", SPEAKER, "i", 5));
        }
    }

    @Nested
    class ActiveFor {

        private final MediaGrants grants = of(
                new MediaGrant("app", "m1", VIEWER, "i1", 1000),
                new MediaGrant("app", "m2", MODERATOR, "i2", 2000),
                new MediaGrant("other", "m3", SPEAKER, "i3", 5000),
                new MediaGrant("app-2", "m4", SPEAKER, "i4", 5000));

        @Test
        void onlyTheClientsGrants() {
            assertThat(grants.activeFor("app", 0)).extracting(MediaGrant::mediaId).containsExactly("m1", "m2");
            assertThat(grants.activeFor("other", 0)).extracting(MediaGrant::mediaId).containsExactly("m3");
            assertThat(grants.activeFor("app-2", 0)).extracting(MediaGrant::mediaId).containsExactly("m4");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"APP", "ap", "app ", "unknown"})
        void noGrantsForAnotherClient(String clientId) {
            assertThat(grants.activeFor(clientId, 0)).isEmpty();
        }

        @Test
        void aGrantEndsAtExactlyItsExpiry() {
            assertThat(grants.activeFor("app", 999)).extracting(MediaGrant::mediaId).containsExactly("m1", "m2");
            assertThat(grants.activeFor("app", 1000)).extracting(MediaGrant::mediaId).containsExactly("m2");
            assertThat(grants.activeFor("app", 1999)).extracting(MediaGrant::mediaId).containsExactly("m2");
            assertThat(grants.activeFor("app", 2000)).isEmpty();
        }

        @Test
        void filteringDoesNotRemoveGrants() {
            grants.activeFor("app", 10_000);
            assertThat(grants.all()).hasSize(4);
        }
    }

    @Nested
    class Add {

        @Test
        void aHigherRoleOnTheSameEntryIsShownAndTheLowerKept() {
            MediaGrants grants = of(new MediaGrant("app", "m", VIEWER, "i1", 100));
            grants.add(new MediaGrant("app", "m", MODERATOR, "i2", 200));
            assertThat(grants.activeFor("app", 0)).containsExactly(new MediaGrant("app", "m", MODERATOR, "i2", 200));
            assertThat(grants.all()).hasSize(2);
        }

        @Test
        void aLowerRoleDoesNotDowngradeNorExtendTheHigherGrant() {
            MediaGrants grants = of(new MediaGrant("app", "m", MODERATOR, "i1", 100));
            grants.add(new MediaGrant("app", "m", VIEWER, "i2", 200));
            assertThat(grants.activeFor("app", 0)).containsExactly(new MediaGrant("app", "m", MODERATOR, "i1", 100));
            // once the higher grant ends, the lower one shows with its own expiry
            assertThat(grants.activeFor("app", 150)).containsExactly(new MediaGrant("app", "m", VIEWER, "i2", 200));
        }

        @Test
        void aRevokedInviteTakesAwayOnlyItsOwnGrant() {
            MediaGrants grants = of(new MediaGrant("app", "m", MODERATOR, "revoked", 500),
                    new MediaGrant("app", "m", VIEWER, "kept", 100),
                    new MediaGrant("app", "other", SPEAKER, "revoked-2", 500));
            assertThat(grants.activeFor("app", 0, id -> !id.startsWith("revoked")))
                    .containsExactly(new MediaGrant("app", "m", VIEWER, "kept", 100));
        }

        @Test
        void aLowerRoleInviteNeverRevivesARevokedHigherOne() {
            MediaGrants grants = of(new MediaGrant("app", "m", SPEAKER, "revoked", 500));
            grants.add(new MediaGrant("app", "m", VIEWER, "new", 900));
            assertThat(grants.activeFor("app", 0, id -> !id.equals("revoked")))
                    .containsExactly(new MediaGrant("app", "m", VIEWER, "new", 900));
        }

        @Test
        void redeemingTheSameInviteAgainReplacesItsGrant() {
            MediaGrants grants = of(new MediaGrant("app", "m", VIEWER, "i1", 100));
            grants.add(new MediaGrant("app", "m", VIEWER, "i1", 300));
            assertThat(grants.all()).containsExactly(new MediaGrant("app", "m", VIEWER, "i1", 300));
        }

        @Test
        void invitesToRecheckAreTheAppsUnexpiredOnes() {
            MediaGrants grants = of(new MediaGrant("app", "m", VIEWER, "i1", 100),
                    new MediaGrant("app", "n", VIEWER, "i2", 300), new MediaGrant("other", "m", VIEWER, "i3", 300));
            assertThat(grants.inviteIdsFor("app", 150)).containsExactly("i2");
            assertThat(grants.withoutEnded(150).all()).extracting(MediaGrant::inviteId).containsExactly("i2", "i3");
        }

        @Test
        void theSameMediaIdOfDifferentClientsIsKeptApart() {
            MediaGrants grants = of(new MediaGrant("app-a", "m", VIEWER, "i1", 100),
                    new MediaGrant("app-b", "m", MODERATOR, "i2", 200));
            assertThat(grants.all()).hasSize(2);
            assertThat(grants.activeFor("app-a", 0)).containsExactly(new MediaGrant("app-a", "m", VIEWER, "i1", 100));
            assertThat(grants.activeFor("app-b", 0)).containsExactly(new MediaGrant("app-b", "m", MODERATOR, "i2", 200));
            assertThat(roundTrip(grants).all()).containsExactlyElementsOf(grants.all());
        }

        @Test
        void clientAndMediaIdsCannotCollideThroughTheirCharacters() {
            // the same characters split differently between client and media id are different entries
            for (String sep : List.of("|", "\u0000", "\n", "%00", "+", " ")) {
                MediaGrant left = new MediaGrant("a" + sep + "b", "c", VIEWER, "i1", 100);
                MediaGrant right = new MediaGrant("a", "b" + sep + "c", MODERATOR, "i2", 200);
                MediaGrants grants = of(left, right);
                assertThat(grants.all()).as("separator %s", sep).containsExactly(left, right);
                assertThat(roundTrip(grants).all()).as("separator %s", sep).containsExactly(left, right);
            }
        }

        @Test
        void differentMediaOfOneClientAreKeptApart() {
            MediaGrants grants = of(new MediaGrant("app", "m1", VIEWER, "i1", 100),
                    new MediaGrant("app", "m2", VIEWER, "i2", 100));
            assertThat(grants.all()).hasSize(2);
        }

        @Test
        void addReturnsTheSameSetForChaining() {
            MediaGrants grants = new MediaGrants();
            assertThat(grants.add(new MediaGrant("app", "m", VIEWER, "i", 1))).isSameAs(grants);
        }

        @Test
        void allIsASnapshot() {
            MediaGrants grants = of(new MediaGrant("app", "m1", VIEWER, "i1", 100));
            var snapshot = grants.all();
            grants.add(new MediaGrant("app", "m2", VIEWER, "i2", 100));
            assertThat(snapshot).hasSize(1);
        }
    }
}
