package io.mediainvites.core.invite;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class InviteStatusTest {

    @ParameterizedTest
    @CsvSource({
        "PENDING, pending", "ACTIVE, active", "USED_UP, used_up", "EXPIRED, expired", "REVOKED, revoked",
    })
    void wire(InviteStatus status, String wire) {
        assertThat(status.wire()).isEqualTo(wire);
        assertThat(InviteStatus.fromWire(wire)).isSameAs(status);
        assertThat(InviteStatus.fromWire("  " + wire.toUpperCase() + "\t")).isSameAs(status);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "used-up", "usedup", "deleted", "open"})
    void unknownIsAnInvalidRequestOnStatus(String wire) {
        var e = assertRule(() -> InviteStatus.fromWire(wire), ErrorCode.INVALID_REQUEST, "status");
        assertThat(e.description()).contains("used_up");
    }
}
