package io.mediainvites.core.domain;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediainvites.core.domain.DomainRules.Decision;
import io.mediainvites.core.email.EmailAddress;
import io.mediainvites.core.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainRulesTest {

    @Test
    void noRulesAllowEverything() {
        DomainRules rules = DomainRules.of(List.of(), List.of());
        assertThat(rules.isEmpty()).isTrue();
        assertThat(rules).isEqualTo(DomainRules.none());
        assertThat(rules.check("anything.example")).isEqualTo(Decision.ALLOWED);
        assertThat(DomainRules.of(null, null).check(EmailAddress.parse("a@b.example"))).isEqualTo(Decision.ALLOWED);
    }

    @ParameterizedTest
    @CsvSource({
        "example.com, BLOCKED",
        "EXAMPLE.COM, BLOCKED",
        "mail.example.com, BLOCKED",
        "a.b.example.com, BLOCKED",
        "evil-example.com, ALLOWED",
        "example.com.org, ALLOWED",
        "example.org, ALLOWED",
        "com, ALLOWED",
    })
    void blockedDomainBlocksItsSubdomainsOnly(String domain, Decision expected) {
        DomainRules rules = DomainRules.of(List.of("example.com"), List.of());
        assertThat(rules.check(domain)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "partner.org, ALLOWED",
        "eu.partner.org, ALLOWED",
        "xn--bcher-kva.example, ALLOWED",
        "shop.bücher.example, ALLOWED",
        "otherpartner.org, NOT_ALLOWED",
        "org, NOT_ALLOWED",
        "gmail.com, NOT_ALLOWED",
    })
    void allowedListRestrictsToItsDomainsAndSubdomains(String domain, Decision expected) {
        DomainRules rules = DomainRules.of(List.of(), List.of("partner.org", "Bücher.Example"));
        assertThat(rules.check(domain)).isEqualTo(expected);
    }

    @Test
    void blockedWinsOverAllowed() {
        DomainRules rules = DomainRules.of(List.of("old.partner.org"), List.of("partner.org"));
        assertThat(rules.check("partner.org")).isEqualTo(Decision.ALLOWED);
        assertThat(rules.check("old.partner.org")).isEqualTo(Decision.BLOCKED);
        assertThat(rules.check("x.old.partner.org")).isEqualTo(Decision.BLOCKED);
        assertThat(DomainRules.of(List.of("partner.org"), List.of("partner.org")).check("partner.org"))
                .isEqualTo(Decision.BLOCKED);
        assertThat(rules.check("gmail.com")).isEqualTo(Decision.NOT_ALLOWED);
    }

    @Test
    void entriesAreNormalisedDeduplicatedAndSorted() {
        DomainRules rules = DomainRules.of(
                Arrays.asList(" .Zeta.COM. ", "alpha.com", null, "", "  ", "ALPHA.com", "bücher.example"),
                List.of("b.org", "a.org", "A.ORG."));
        assertThat(rules.blocked()).containsExactly("alpha.com", "xn--bcher-kva.example", "zeta.com");
        assertThat(rules.allowed()).containsExactly("a.org", "b.org");
        assertThat(rules.isEmpty()).isFalse();
    }

    @Test
    void internationalisedEntriesMatchBothForms() {
        DomainRules rules = DomainRules.of(List.of("bücher.example"), List.of());
        assertThat(rules.check("xn--bcher-kva.example")).isEqualTo(Decision.BLOCKED);
        assertThat(rules.check("BÜCHER.example")).isEqualTo(Decision.BLOCKED);
        assertThat(rules.check(EmailAddress.parse("x@shop.xn--bcher-kva.example"))).isEqualTo(Decision.BLOCKED);
    }

    @Test
    void invalidEntryIsRejectedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> DomainRules.of(List.of("good.com", "bad domain"), null))
                .withMessageContaining("bad domain").withMessageContaining("blocked");
        assertThatIllegalArgumentException().isThrownBy(() -> DomainRules.of(null, List.of("-x.com")))
                .withMessageContaining("-x.com").withMessageContaining("allowed");
    }

    @Test
    void checkingAnInvalidDomainStringIsAnError() {
        assertThatIllegalArgumentException().isThrownBy(() -> DomainRules.none().check("not a domain"));
    }

    @Test
    void listsAreUnmodifiable() {
        DomainRules rules = DomainRules.of(List.of("a.com"), List.of("b.com"));
        assertThatThrownBy(() -> rules.blocked().add("c.com")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rules.allowed().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void inputCollectionChangesDoNotLeakIn() {
        java.util.ArrayList<String> blocked = new java.util.ArrayList<>(List.of("a.com"));
        DomainRules rules = DomainRules.of(blocked, null);
        blocked.add("b.com");
        assertThat(rules.blocked()).containsExactly("a.com");
    }

    @Test
    void requireThrowsTheMatchingErrorOnTheEmailField() {
        DomainRules rules = DomainRules.of(List.of("bücher.example"), List.of("partner.org", "xn--bcher-kva.example"));
        var blocked = assertRule(() -> rules.require(EmailAddress.parse("a@xn--bcher-kva.example")),
                ErrorCode.DOMAIN_BLOCKED, "email");
        assertThat(blocked.description()).contains("bücher.example");
        var notAllowed = assertRule(() -> rules.require(EmailAddress.parse("a@gmail.com")),
                ErrorCode.DOMAIN_NOT_ALLOWED, "email");
        assertThat(notAllowed.description()).contains("gmail.com");
        assertThatNoException().isThrownBy(() -> rules.require(EmailAddress.parse("a@hr.partner.org")));
    }

    @Test
    void equalityIsByNormalisedLists() {
        assertThat(DomainRules.of(List.of("A.com", "b.com"), List.of()))
                .isEqualTo(DomainRules.of(List.of("b.com", "a.com."), null))
                .hasSameHashCodeAs(DomainRules.of(List.of("b.com", "a.com"), null))
                .isNotEqualTo(DomainRules.of(List.of(), List.of("a.com", "b.com")));
        assertThat(DomainRules.of(List.of("a.com"), null).toString()).contains("a.com");
    }
}
