package io.mediainvites.core.person;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Ada|Ada",
        "  Ada  |Ada",
        "Jean-Luc|Jean-Luc",
        "O'Brien|O'Brien",
        "Zoë Åsa|Zoë Åsa",
        "李|李",
        "X|X",
    })
    void validNamesAreTrimmed(String raw, String expected) {
        assertThat(PersonName.requireValid(raw, "firstName")).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void blankIsRejectedNamingTheField(String raw) {
        var e = assertRule(() -> PersonName.requireValid(raw, "lastName"), ErrorCode.INVALID_NAME, "lastName");
        assertThat(e.description()).contains("lastName");
    }

    @Test
    void atMostOneHundredCodePoints() {
        assertThat(PersonName.requireValid("a".repeat(100), "firstName")).hasSize(100);
        var e = assertRule(() -> PersonName.requireValid("a".repeat(101), "firstName"), ErrorCode.INVALID_NAME,
                "firstName");
        assertThat(e.description()).contains("firstName").contains("100");
    }

    @Test
    void lengthCountsCodePointsNotChars() {
        String hundredEmoji = "\uD83D\uDE00".repeat(100); // 200 chars, 100 code points
        assertThat(PersonName.requireValid(hundredEmoji, "firstName")).isEqualTo(hundredEmoji);
        assertRule(() -> PersonName.requireValid(hundredEmoji + "a", "firstName"), ErrorCode.INVALID_NAME,
                "firstName");
    }

    @Test
    void trimmingHappensBeforeTheLengthCheck() {
        assertThat(PersonName.requireValid("  " + "a".repeat(100) + "  ", "firstName")).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\nLovelace", "Ada\tL", "Ada\u0000", "A\u007Fda", "A\u0085da", "A\u001Bda"})
    void controlCharactersAreRejected(String raw) {
        var e = assertRule(() -> PersonName.requireValid(raw, "firstName"), ErrorCode.INVALID_NAME, "firstName");
        assertThat(e.description()).contains("firstName").contains("control");
    }

    @Test
    void missingFieldNameFallsBackToName() {
        assertRule(() -> PersonName.requireValid("", null), ErrorCode.INVALID_NAME, "name");
    }
}
