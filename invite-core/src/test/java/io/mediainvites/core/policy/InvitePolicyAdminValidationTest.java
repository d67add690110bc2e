package io.mediainvites.core.policy;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.domain.DomainRules;
import io.mediainvites.core.error.ErrorCode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The validation admins meet in the console form and the admin REST endpoint (A1, A2). */
class InvitePolicyAdminValidationTest {

    private static Map<String, List<String>> fields(String... nameValuePairs) {
        Map<String, List<String>> map = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            map.put(nameValuePairs[i], List.of(nameValuePairs[i + 1]));
        }
        return map;
    }

    @Test
    void emptyFormGivesTheDefaults() {
        assertThat(InvitePolicy.fromFieldValues(Map.of())).isEqualTo(InvitePolicy.DEFAULTS);
        assertThat(InvitePolicy.fromFieldValues(null)).isEqualTo(InvitePolicy.DEFAULTS);
        assertThat(InvitePolicy.fromFieldValues(fields("useLimit", "  ", "linkLifetimeSeconds", "")))
                .isEqualTo(InvitePolicy.DEFAULTS);
    }

    @Test
    void formFieldsRoundTrip() {
        InvitePolicy policy = new InvitePolicy(Duration.ofHours(2), UseLimit.of(3), false,
                DomainRules.of(List.of("blocked.example", "spam.example"), List.of("partner.example")),
                "media-inviter", Set.of("alice", "bob"), Set.of("/staff/editors", "/media team"), false,
                ConfirmationMode.CODE, Duration.ofMinutes(30), true);
        Map<String, List<String>> values = policy.toFieldValues();
        assertThat(values.keySet()).containsExactlyElementsOf(InvitePolicy.ATTRIBUTE_NAMES);
        assertThat(values.get("blockedDomains")).containsExactly("blocked.example", "spam.example");
        assertThat(values.get("linkLifetimeSeconds")).containsExactly("7200");
        assertThat(values.get("confirmation")).containsExactly("code");
        assertThat(InvitePolicy.fromFieldValues(values)).isEqualTo(policy);
        assertThat(InvitePolicy.DEFAULTS.toFieldValues().get("inviterRole")).isEmpty();
        assertThat(InvitePolicy.fromFieldValues(InvitePolicy.DEFAULTS.toFieldValues())).isEqualTo(InvitePolicy.DEFAULTS);
    }

    @Test
    void listFieldsTakeOneEntryPerValueAndCommaSeparatedValues() {
        Map<String, List<String>> form = new HashMap<>();
        form.put("blockedDomains", List.of(" Blocked.Example. ", "", "a.example, b.example"));
        form.put("inviterGroups", List.of("staff", "/media team/"));
        form.put("inviterUsers", List.of("Alice", " "));
        form.put("realm", List.of("media")); // the console adds its route parameters: ignored
        InvitePolicy policy = InvitePolicy.fromFieldValues(form);
        assertThat(policy.domains().blocked()).containsExactly("a.example", "b.example", "blocked.example");
        assertThat(policy.inviterGroups()).containsExactly("/media team", "/staff");
        assertThat(policy.inviterUsers()).containsExactly("alice");
    }

    @Test
    void singleValuedFieldsRefuseSeveralValues() {
        Map<String, List<String>> form = Map.of("useLimit", List.of("1", "2"));
        assertRule(() -> InvitePolicy.fromFieldValues(form), ErrorCode.INVALID_POLICY, "useLimit");
        Map<String, List<String>> roles = Map.of("inviterRole", List.of("a", "b"));
        assertRule(() -> InvitePolicy.fromFieldValues(roles), ErrorCode.INVALID_POLICY, "inviterRole");
    }

    @ParameterizedTest
    @CsvSource({
            "linkLifetimeSeconds, 299",
            "linkLifetimeSeconds, 2592001",
            "linkLifetimeSeconds, two hours",
            "linkLifetimeSeconds, 7200.5",
            "useLimit, 0",
            "useLimit, -2",
            "useLimit, many",
            "deviceBinding, yes",
            "inviteEmail, 1",
            "allowPrivileged, maybe",
            "confirmation, sms",
            "sessionLengthSeconds, 59",
            "sessionLengthSeconds, 604801",
            "blockedDomains, not a domain!",
            "allowedDomains, -bad-.example",
            "inviterGroups, /",
    })
    void everyInvalidFormValueNamesItsField(String field, String value) {
        Map<String, List<String>> form = Map.of(field, List.of(value));
        assertRule(() -> InvitePolicy.fromFieldValues(form), ErrorCode.INVALID_POLICY, field);
    }

    @Test
    void aDomainCannotBeBothAllowedAndBlocked() {
        assertRule(() -> InvitePolicy.fromFieldValues(fields("blockedDomains", "partner.example",
                "allowedDomains", "Partner.Example.")), ErrorCode.INVALID_POLICY, "allowedDomains");
        // a blocked subdomain of an allowed domain is a valid narrowing
        InvitePolicy narrowing = InvitePolicy.fromFieldValues(fields("blockedDomains", "eu.partner.example",
                "allowedDomains", "partner.example"));
        assertThat(narrowing.domains().blocked()).containsExactly("eu.partner.example");
    }

    @Test
    void namesLongerThanKeycloakAllowsAreRefused() {
        String longName = "r".repeat(InvitePolicy.MAX_NAME_LENGTH + 1);
        assertRule(() -> InvitePolicy.fromFieldValues(fields("inviterRole", longName)), ErrorCode.INVALID_POLICY,
                "inviterRole");
        assertRule(() -> InvitePolicy.fromFieldValues(fields("inviterUsers", longName)), ErrorCode.INVALID_POLICY,
                "inviterUsers");
        assertRule(() -> InvitePolicy.fromFieldValues(fields("inviterGroups", "/" + longName)),
                ErrorCode.INVALID_POLICY, "inviterGroups");
        assertThat(InvitePolicy.fromFieldValues(fields("inviterRole", "r".repeat(255))).inviterRole()).hasSize(255);
    }

    @Test
    void boundsAreInclusive() {
        assertThat(InvitePolicy.fromFieldValues(fields("linkLifetimeSeconds", "300")).linkLifetime())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(InvitePolicy.fromFieldValues(fields("linkLifetimeSeconds", "2592000")).linkLifetime())
                .isEqualTo(Duration.ofDays(30));
        assertThat(InvitePolicy.fromFieldValues(fields("useLimit", "-1")).useLimit().unlimited()).isTrue();
    }
}
