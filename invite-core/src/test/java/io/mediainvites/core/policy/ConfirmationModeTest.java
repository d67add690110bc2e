package io.mediainvites.core.policy;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfirmationModeTest {

    @ParameterizedTest
    @CsvSource({"NONE, none", "TYPED, typed", "CODE, code"})
    void wire(ConfirmationMode mode, String wire) {
        assertThat(mode.wire()).isEqualTo(wire);
        assertThat(ConfirmationMode.fromWire(wire)).isSameAs(mode);
        assertThat(ConfirmationMode.fromWire(" " + wire.toUpperCase() + " ")).isSameAs(mode);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "otp", "email", "typed-code"})
    void unknownIsAnInvalidPolicy(String wire) {
        var e = assertRule(() -> ConfirmationMode.fromWire(wire), ErrorCode.INVALID_POLICY, "confirmation");
        assertThat(e.description()).contains("none", "typed", "code");
    }
}
