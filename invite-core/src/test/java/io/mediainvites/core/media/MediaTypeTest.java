package io.mediainvites.core.media;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediainvites.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

    @ParameterizedTest
    @CsvSource({
        "VIDEO, video, false",
        "QUIZ, quiz, false",
        "DOCUMENT, document, false",
        "AUDIO, audio, false",
        "IMAGE, image, false",
        "PLAYLIST, playlist, false",
        "PRESENTATION, presentation, false",
        "WEBCAST, webcast, true",
        "SIMULIVE, simulive, true",
        "DIY_LIVE, diy_live, true",
        "ROOM, room, true",
    })
    void wireNameAndLiveness(MediaType type, String wire, boolean live) {
        assertThat(type.wire()).isEqualTo(wire);
        assertThat(type.live()).isEqualTo(live);
        assertThat(MediaType.fromWire(wire)).isSameAs(type);
    }

    @Test
    void everyTypeIsInTheTable() {
        assertThat(MediaType.values()).hasSize(11);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"VIDEO|video", "DIY_LIVE|  Diy_Live ", "ROOM|ROOM", "QUIZ|\tquiz\n"})
    void fromWireIsCaseInsensitiveAndTrims(MediaType expected, String wire) {
        assertThat(MediaType.fromWire(wire)).isSameAs(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "movie", "diy-live", "diylive", "video2", "v ideo"})
    void unknownTypesAreRejectedListingTheKnownOnes(String wire) {
        var e = assertRule(() -> MediaType.fromWire(wire), ErrorCode.UNKNOWN_MEDIA_TYPE, "type");
        for (MediaType type : MediaType.values()) {
            assertThat(e.description()).contains(type.wire());
        }
    }

    @ParameterizedTest
    @EnumSource(value = MediaType.class, names = {"WEBCAST", "SIMULIVE", "DIY_LIVE", "ROOM"})
    void liveTypesAllowViewerModeratorAndSpeaker(MediaType type) {
        assertThat(type.allowedRoles())
                .containsExactly(InviteRole.VIEWER, InviteRole.SPEAKER, InviteRole.MODERATOR);
    }

    @ParameterizedTest
    @EnumSource(value = MediaType.class, names = {"WEBCAST", "SIMULIVE", "DIY_LIVE", "ROOM"},
            mode = EnumSource.Mode.EXCLUDE)
    void onDemandTypesAllowViewerOnly(MediaType type) {
        assertThat(type.allowedRoles()).containsExactly(InviteRole.VIEWER);
    }

    @Test
    void allowedRolesCannotBeModified() {
        assertThatThrownBy(() -> MediaType.VIDEO.allowedRoles().add(InviteRole.MODERATOR))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> MediaType.ROOM.allowedRoles().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
