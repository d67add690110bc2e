package io.mediainvites.core.media;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class InviteRoleTest {

    @ParameterizedTest
    @CsvSource({"VIEWER, viewer, 1", "SPEAKER, speaker, 2", "MODERATOR, moderator, 3"})
    void wireAndRank(InviteRole role, String wire, int rank) {
        assertThat(role.wire()).isEqualTo(wire);
        assertThat(role.rank()).isEqualTo(rank);
        assertThat(InviteRole.fromWire(wire)).isSameAs(role);
    }

    @Test
    void fromWireIsCaseInsensitiveAndTrims() {
        assertThat(InviteRole.fromWire("  Moderator ")).isSameAs(InviteRole.MODERATOR);
        assertThat(InviteRole.fromWire("SPEAKER")).isSameAs(InviteRole.SPEAKER);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "owner", "admin", "co-owner", "viewers"})
    void unknownRolesAreNotAllowed(String wire) {
        var e = assertRule(() -> InviteRole.fromWire(wire), ErrorCode.ROLE_NOT_ALLOWED, "role");
        assertThat(e.description()).contains("viewer", "speaker", "moderator");
    }

    @ParameterizedTest
    @CsvSource({
        "MODERATOR, SPEAKER, true",
        "MODERATOR, VIEWER, true",
        "SPEAKER, VIEWER, true",
        "VIEWER, SPEAKER, false",
        "SPEAKER, MODERATOR, false",
        "VIEWER, MODERATOR, false",
        "VIEWER, VIEWER, false",
        "SPEAKER, SPEAKER, false",
        "MODERATOR, MODERATOR, false",
    })
    void higherThanIsStrict(InviteRole a, InviteRole b, boolean higher) {
        assertThat(a.higherThan(b)).isEqualTo(higher);
    }

    @Test
    void anyRoleIsHigherThanNoRole() {
        assertThat(InviteRole.VIEWER.higherThan(null)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "VIEWER, MODERATOR, MODERATOR",
        "MODERATOR, VIEWER, MODERATOR",
        "SPEAKER, MODERATOR, MODERATOR",
        "MODERATOR, SPEAKER, MODERATOR",
        "VIEWER, SPEAKER, SPEAKER",
        "SPEAKER, VIEWER, SPEAKER",
        "VIEWER, VIEWER, VIEWER",
    })
    void maxUpgradesButNeverDowngrades(InviteRole current, InviteRole redeemed, InviteRole expected) {
        assertThat(InviteRole.max(current, redeemed)).isSameAs(expected);
    }

    @Test
    void maxTreatsNullAsNoRole() {
        assertThat(InviteRole.max(null, InviteRole.SPEAKER)).isSameAs(InviteRole.SPEAKER);
        assertThat(InviteRole.max(InviteRole.SPEAKER, null)).isSameAs(InviteRole.SPEAKER);
        assertThat(InviteRole.max(null, null)).isNull();
    }
}
