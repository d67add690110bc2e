package io.mediainvites.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "example.com|example.com",
        "  Example.COM  |example.com",
        ".example.com.|example.com",
        "...example.com...|example.com",
        " .Sub.Example.Com. |sub.example.com",
        "bücher.example|xn--bcher-kva.example",
        "BÜCHER.example|xn--bcher-kva.example",
        "xn--bcher-kva.example|xn--bcher-kva.example",
        "XN--BCHER-KVA.EXAMPLE|xn--bcher-kva.example",
        "日本.jp|xn--wgv71a.jp",
        "例え。テスト|xn--r8jz45g.xn--zckzah",
        "com|com",
        "a-b.c0|a-b.c0",
        "123.example|123.example",
    })
    void normalises(String raw, String expected) {
        assertThat(DomainName.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", ".", " ... "})
    void blankOrOnlyDotsIsRejected(String raw) {
        assertThatIllegalArgumentException().isThrownBy(() -> DomainName.normalise(raw))
                .withMessageContaining("domain name");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "exa mple.com", "a..b.com", "under_score.com", "-lead.com", "trail-.com", "example.com/path",
        "user@example.com", "[127.0.0.1]", "ex*ample.com", "xn--zz.example", "xn--abc.example",
        "tab\there.com",
    })
    void invalidNamesAreRejectedNamingThem(String raw) {
        assertThatIllegalArgumentException().isThrownBy(() -> DomainName.normalise(raw))
                .withMessageContaining(raw.strip().replaceAll("^\\.+|\\.+$", ""));
    }

    @Test
    void labelsLongerThan63AreRejected() {
        String label63 = "a".repeat(63);
        assertThat(DomainName.normalise(label63 + ".com")).isEqualTo(label63 + ".com");
        assertThatIllegalArgumentException().isThrownBy(() -> DomainName.normalise("a" + label63 + ".com"));
    }

    @Test
    void namesLongerThan253AreRejected() {
        String label = "a".repeat(63);
        String name253 = label + "." + label + "." + label + "." + "a".repeat(61);
        assertThat(name253).hasSize(253);
        assertThat(DomainName.normalise(name253)).isEqualTo(name253);
        assertThatIllegalArgumentException().isThrownBy(() -> DomainName.normalise(name253 + "a"));
    }

    @Test
    void toAsciiDoesNotStripDots() {
        assertThatIllegalArgumentException().isThrownBy(() -> DomainName.toAscii(".example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> DomainName.toAscii("example.com."));
        assertThatIllegalArgumentException().isThrownBy(() -> DomainName.toAscii(""));
        assertThat(DomainName.toAscii("Bücher.Example")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void toUnicodeIsForDisplay() {
        assertThat(DomainName.toUnicode("xn--bcher-kva.example")).isEqualTo("bücher.example");
        assertThat(DomainName.toUnicode("example.com")).isEqualTo("example.com");
    }

    @ParameterizedTest
    @CsvSource({
        "example.com, example.com, true",
        "a.example.com, example.com, true",
        "a.b.example.com, example.com, true",
        "evil-example.com, example.com, false",
        "badexample.com, example.com, false",
        "example.com, a.example.com, false",
        "example.com.evil.org, example.com, false",
        "example.org, example.com, false",
        "com, com, true",
        "example.com, com, true",
        "xn--bcher-kva.example, example, true",
        "'', example.com, false",
        "example.com, '', false",
    })
    void sameOrSubdomainRespectsLabelBoundaries(String domain, String parent, boolean expected) {
        assertThat(DomainName.isSameOrSubdomain(domain, parent)).isEqualTo(expected);
    }

    @Test
    void isSameOrSubdomainRequiresArguments() {
        assertThatNullPointerException().isThrownBy(() -> DomainName.isSameOrSubdomain(null, "a.com"));
        assertThatNullPointerException().isThrownBy(() -> DomainName.isSameOrSubdomain("a.com", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000.example", "example.com\u0000", "\u0007example.org", "exa\u001fmple.org",
        "\texample.org", "example.org\n"})
    void controlCharactersAreRefusedNotTrimmed(String raw) {
        assertThatIllegalArgumentException().isThrownBy(() -> DomainName.normalise(raw))
                .withMessageContaining("control characters");
    }
}
