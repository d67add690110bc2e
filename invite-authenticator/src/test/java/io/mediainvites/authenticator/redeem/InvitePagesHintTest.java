package io.mediainvites.authenticator.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InvitePagesHintTest {

    private static final String DOTS = "\u2022\u2022\u2022";

    @ParameterizedTest
    @CsvSource({
        "olivia@example.com, o",
        "o@example.com, o",
        "Olivia.Smith+news@sub.example.org, O",
        "ünal@bücher.example, ü",
    })
    void keepsTheFirstCharacterAndTheDomain(String email, String first) {
        String hint = InvitePages.hint(email);
        assertThat(hint).isEqualTo(first + DOTS + email.substring(email.indexOf('@')));
    }

    @Test
    void hidesEverythingElseOfTheLocalPartAndItsLength() {
        assertThat(InvitePages.hint("olivia@example.com")).isEqualTo(InvitePages.hint("oscar.wilde.long@example.com"));
        assertThat(InvitePages.hint("olivia@example.com")).doesNotContain("livia");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsKeptWhole() {
        // EmailAddress accepts any Unicode letter; U+1D49C is one letter but two Java chars
        String email = "\uD835\uDC9Clice@example.com";
        assertThat(InvitePages.hint(email)).isEqualTo("\uD835\uDC9C" + DOTS + "@example.com");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"no-at-sign", "@example.com", " "})
    void noHintWithoutALocalPart(String email) {
        assertThat(InvitePages.hint(email)).isEmpty();
    }
}
