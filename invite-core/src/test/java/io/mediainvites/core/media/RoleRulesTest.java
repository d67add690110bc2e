package io.mediainvites.core.media;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.mediainvites.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleRulesTest {

    @ParameterizedTest
    @EnumSource(MediaType.class)
    void missingRoleMeansViewer(MediaType type) {
        assertThat(RoleRules.requireAllowed(type, null)).isSameAs(InviteRole.VIEWER);
        assertThat(RoleRules.requireAllowed(type, "")).isSameAs(InviteRole.VIEWER);
        assertThat(RoleRules.requireAllowed(type, "  ")).isSameAs(InviteRole.VIEWER);
    }

    @ParameterizedTest
    @EnumSource(MediaType.class)
    void viewerIsAllowedEverywhere(MediaType type) {
        assertThat(RoleRules.requireAllowed(type, "viewer")).isSameAs(InviteRole.VIEWER);
    }

    @ParameterizedTest
    @EnumSource(value = MediaType.class, names = {"WEBCAST", "SIMULIVE", "DIY_LIVE", "ROOM"})
    void liveTypesAllowSpeakerAndModerator(MediaType type) {
        assertThat(RoleRules.requireAllowed(type, "speaker")).isSameAs(InviteRole.SPEAKER);
        assertThat(RoleRules.requireAllowed(type, " MODERATOR ")).isSameAs(InviteRole.MODERATOR);
    }

    @ParameterizedTest
    @EnumSource(value = MediaType.class, names = {"WEBCAST", "SIMULIVE", "DIY_LIVE", "ROOM"},
            mode = EnumSource.Mode.EXCLUDE)
    void onDemandTypesRefuseSpeakerAndModeratorNamingViewer(MediaType type) {
        for (String role : new String[] {"speaker", "moderator"}) {
            var e = assertRule(() -> RoleRules.requireAllowed(type, role), ErrorCode.ROLE_NOT_ALLOWED, "role");
            assertThat(e.description()).contains(type.wire()).contains("Allowed roles: viewer.");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "admin", "guest"})
    void unknownRolesAreRefusedNamingTheAllowedOnes(String role) {
        var e = assertRule(() -> RoleRules.requireAllowed(MediaType.WEBCAST, role), ErrorCode.ROLE_NOT_ALLOWED,
                "role");
        assertThat(e.description()).contains("Allowed roles: viewer, speaker, moderator.");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void typeIsRequired(String role) {
        assertThatNullPointerException().isThrownBy(() -> RoleRules.requireAllowed(null, role));
    }

    @Test
    void unknownRoleOnOnDemandNamesViewerOnly() {
        var e = assertRule(() -> RoleRules.requireAllowed(MediaType.VIDEO, "boss"), ErrorCode.ROLE_NOT_ALLOWED,
                "role");
        assertThat(e.description()).doesNotContain("moderator");
    }
}
