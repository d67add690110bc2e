package io.mediainvites.core.email;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user@example.com|user@example.com",
        "  User@Example.COM  |user@example.com",
        "First.Last+tag@Sub.Example.org|first.last+tag@sub.example.org",
        "a@b.co|a@b.co",
        "o'brien@example.ie|o'brien@example.ie",
        "x!#$%&*=?^_`{}~-/@example.com|x!#$%&*=?^_`{}~-/@example.com",
        "user@bücher.example|user@xn--bcher-kva.example",
        "user@BÜCHER.example|user@xn--bcher-kva.example",
        "user@xn--bcher-kva.example|user@xn--bcher-kva.example",
        "USER@XN--BCHER-KVA.EXAMPLE|user@xn--bcher-kva.example",
        "user@例え。テスト|user@xn--r8jz45g.xn--zckzah",
        "ÜSER@example.com|üser@example.com",
        "user@123.example|user@123.example",
        "user@a-b.example|user@a-b.example",
    })
    void parsesAndNormalises(String raw, String expected) {
        EmailAddress email = EmailAddress.parse(raw);
        assertThat(email.value()).isEqualTo(expected);
        assertThat(email).hasToString(expected);
    }

    @Test
    void exposesParts() {
        EmailAddress email = EmailAddress.parse("Jane.Doe@Bücher.Example");
        assertThat(email.localPart()).isEqualTo("jane.doe");
        assertThat(email.domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(email.unicodeDomain()).isEqualTo("bücher.example");
        assertThat(EmailAddress.parse("a@example.com").unicodeDomain()).isEqualTo("example.com");
    }

    @Test
    void unicodeAndPunycodeFormsAreEqual() {
        EmailAddress unicode = EmailAddress.parse("user@bücher.example");
        EmailAddress ascii = EmailAddress.parse("USER@xn--bcher-kva.example");
        assertThat(unicode).isEqualTo(ascii).hasSameHashCodeAs(ascii);
        assertThat(unicode).isNotEqualTo(EmailAddress.parse("user2@bücher.example"));
        assertThat(unicode).isNotEqualTo(EmailAddress.parse("user@bucher.example"));
        assertThat(unicode).isNotEqualTo("user@xn--bcher-kva.example");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void blankIsRejected(String raw) {
        assertRule(() -> EmailAddress.parse(raw), ErrorCode.INVALID_EMAIL, "email");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "userexample.com",          // no @
        "user@@example.com",        // two @
        "us@er@example.com",        // two @
        "@example.com",             // empty local part
        "user@",                    // empty domain
        "user@localhost",           // no dot in domain
        "us er@example.com",        // space
        "user@exa mple.com",        // space in domain
        "user\t@example.com",       // control char
        "us\u0000er@example.com",   // NUL
        "user@example.com\u0000x",  // NUL in domain
        "us\u00A0er@example.com",   // no-break space
        "\"user\"@example.com",     // quoted local part
        "\"us er\"@example.com",    // quoted local part with space
        ".user@example.com",        // leading dot
        "user.@example.com",        // trailing dot
        "us..er@example.com",       // consecutive dots
        "user@.example.com",        // empty first label
        "user@example.com.",        // empty last label
        "user@example..com",        // empty middle label
        "user@-example.com",        // label starts with '-'
        "user@example-.com",        // label ends with '-'
        "user@exa_mple.com",        // underscore
        "user@[127.0.0.1]",         // IP literal
        "user@127.0.0.1",           // numeric top label
        "user@xn--zz.example",      // invalid punycode
        "user@xn--abc.example",     // punycode decoding to ASCII only
        "us(er)@example.com",       // comment characters
        "us,er@example.com",        // comma
        "us;er@example.com",        // semicolon
        "user@exa:mple.com",        // colon in domain
        "user@example.com/x",       // slash in domain
        "user@example.com>",        // angle bracket
        "<user@example.com>",       // angle brackets
        "us\\er@example.com",       // backslash
        "us\u200Ber@example.com",   // zero-width space (format char)
    })
    void invalidAddressesAreRejected(String raw) {
        assertRule(() -> EmailAddress.parse(raw), ErrorCode.INVALID_EMAIL, "email");
    }

    @Test
    void localPartAtMost64Bytes() {
        String local64 = "a".repeat(64);
        assertThat(EmailAddress.parse(local64 + "@example.com").localPart()).isEqualTo(local64);
        assertRule(() -> EmailAddress.parse("a" + local64 + "@example.com"), ErrorCode.INVALID_EMAIL, "email");
        // 33 two-byte characters = 66 bytes
        assertRule(() -> EmailAddress.parse("ü".repeat(33) + "@example.com"), ErrorCode.INVALID_EMAIL, "email");
        assertThat(EmailAddress.parse("ü".repeat(32) + "@example.com").localPart()).hasSize(32);
    }

    @Test
    void domainLabelAtMost63() {
        String label63 = "d".repeat(63);
        assertThat(EmailAddress.parse("a@" + label63 + ".com").domain()).isEqualTo(label63 + ".com");
        assertRule(() -> EmailAddress.parse("a@d" + label63 + ".com"), ErrorCode.INVALID_EMAIL, "email");
    }

    @Test
    void wholeAddressAtMost254() {
        String local = "a".repeat(64);
        String label = "d".repeat(63);
        String domain189 = label + "." + label + "." + "d".repeat(57) + ".com"; // 63+1+63+1+57+4 = 189
        String address254 = local + "@" + domain189;
        assertThat(address254).hasSize(254);
        assertThat(EmailAddress.parse(address254).value()).isEqualTo(address254);
        assertRule(() -> EmailAddress.parse(local + "@d" + domain189), ErrorCode.INVALID_EMAIL, "email");
    }

    @Test
    void lengthLimitAppliesToThePunycodeForm() {
        // 60 Unicode chars (within 63) grow to more than 63 ASCII characters once punycode-encoded.
        String unicodeLabel = "aü".repeat(30);
        assertThat(unicodeLabel).hasSize(60);
        assertRule(() -> EmailAddress.parse("a@" + unicodeLabel + ".com"), ErrorCode.INVALID_EMAIL, "email");
    }

    @Test
    void surroundingWhitespaceIsIgnoredButCountsNotTowardsLength() {
        String local = "a".repeat(64);
        String address = local + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(EmailAddress.parse("   " + address + "  \n").value()).isEqualTo(address);
    }

    @Test
    void errorDescriptionsAreSpecific() {
        assertThat(assertRule(() -> EmailAddress.parse("nobody"), ErrorCode.INVALID_EMAIL, "email").description())
                .contains("'@'");
        assertThat(assertRule(() -> EmailAddress.parse("\"q\"@x.com"), ErrorCode.INVALID_EMAIL, "email")
                .description()).contains("Quoted");
        assertThat(assertRule(() -> EmailAddress.parse("a b@x.com"), ErrorCode.INVALID_EMAIL, "email")
                .description()).contains("spaces");
        assertThat(assertRule(() -> EmailAddress.parse("a@localhost"), ErrorCode.INVALID_EMAIL, "email")
                .description()).contains("dot");
    }
}
