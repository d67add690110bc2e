package io.mediainvites.core.policy;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediainvites.core.domain.DomainRules;
import io.mediainvites.core.error.ErrorCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class InvitePolicyTest {

    private static final InvitePolicy D = InvitePolicy.DEFAULTS;

    private static InvitePolicy policy(Duration lifetime, UseLimit limit, String role, Set<String> users,
            Set<String> groups, Duration session) {
        return new InvitePolicy(lifetime, limit, true, DomainRules.none(), role, users, groups, true,
                ConfirmationMode.NONE, session, false);
    }

    private static InvitePolicy withLifetime(Duration lifetime) {
        return policy(lifetime, D.useLimit(), null, Set.of(), Set.of(), D.sessionLength());
    }

    private static InvitePolicy withSession(Duration session) {
        return policy(D.linkLifetime(), D.useLimit(), null, Set.of(), Set.of(), session);
    }

    private static InvitePolicy withLimit(UseLimit limit) {
        return policy(D.linkLifetime(), limit, null, Set.of(), Set.of(), D.sessionLength());
    }

    private static InvitePolicy withInviters(String role, Set<String> users, Set<String> groups) {
        return policy(D.linkLifetime(), D.useLimit(), role, users, groups, D.sessionLength());
    }

    private static Map<String, String> attrs(String... nameValuePairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            map.put("mediaInvites." + nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return map;
    }

    // --- defaults and bounds

    @Test
    void defaults() {
        assertThat(D.linkLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(D.useLimit()).isEqualTo(UseLimit.of(1));
        assertThat(D.deviceBinding()).isTrue();
        assertThat(D.domains().blocked()).isEmpty();
        assertThat(D.domains().allowed()).isEmpty();
        assertThat(D.inviterRole()).isNull();
        assertThat(D.inviterUsers()).isEmpty();
        assertThat(D.inviterGroups()).isEmpty();
        assertThat(D.inviteEmail()).isTrue();
        assertThat(D.confirmation()).isEqualTo(ConfirmationMode.NONE);
        assertThat(D.sessionLength()).isEqualTo(Duration.ofHours(8));
        assertThat(D.allowPrivileged()).isFalse();
    }

    @Test
    void bounds() {
        assertThat(InvitePolicy.MIN_LINK_LIFETIME).isEqualTo(Duration.ofMinutes(5));
        assertThat(InvitePolicy.MAX_LINK_LIFETIME).isEqualTo(Duration.ofDays(30));
        assertThat(InvitePolicy.MIN_SESSION_LENGTH).isEqualTo(Duration.ofMinutes(1));
        assertThat(InvitePolicy.MAX_SESSION_LENGTH).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void linkLifetimeBoundsAreInclusive() {
        assertThat(withLifetime(Duration.ofMinutes(5)).linkLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(withLifetime(Duration.ofDays(30)).linkLifetime()).isEqualTo(Duration.ofDays(30));
        var e = assertRule(() -> withLifetime(Duration.ofMinutes(5).minusSeconds(1)), ErrorCode.INVALID_POLICY,
                "linkLifetimeSeconds");
        assertThat(e.description()).contains("300").contains("2592000");
        assertRule(() -> withLifetime(Duration.ofDays(30).plusSeconds(1)), ErrorCode.INVALID_POLICY,
                "linkLifetimeSeconds");
        assertRule(() -> withLifetime(Duration.ofSeconds(-600)), ErrorCode.INVALID_POLICY, "linkLifetimeSeconds");
        assertRule(() -> withLifetime(null), ErrorCode.INVALID_POLICY, "linkLifetimeSeconds");
        assertRule(() -> withLifetime(Duration.ofMinutes(10).plusMillis(1)), ErrorCode.INVALID_POLICY,
                "linkLifetimeSeconds");
    }

    @Test
    void sessionLengthBoundsAreInclusive() {
        assertThat(withSession(Duration.ofMinutes(1)).sessionLength()).isEqualTo(Duration.ofMinutes(1));
        assertThat(withSession(Duration.ofDays(7)).sessionLength()).isEqualTo(Duration.ofDays(7));
        assertRule(() -> withSession(Duration.ofSeconds(59)), ErrorCode.INVALID_POLICY, "sessionLengthSeconds");
        assertRule(() -> withSession(Duration.ofDays(7).plusSeconds(1)), ErrorCode.INVALID_POLICY,
                "sessionLengthSeconds");
        assertRule(() -> withSession(null), ErrorCode.INVALID_POLICY, "sessionLengthSeconds");
    }

    @Test
    void useLimitAndConfirmationAreRequired() {
        assertRule(() -> withLimit(null), ErrorCode.INVALID_POLICY, "useLimit");
        assertRule(() -> new InvitePolicy(D.linkLifetime(), D.useLimit(), true, null, null, null, null, true, null,
                D.sessionLength(), false), ErrorCode.INVALID_POLICY, "confirmation");
    }

    @Test
    void nullCollectionsAndBlankRoleMeanNone() {
        InvitePolicy p = new InvitePolicy(D.linkLifetime(), D.useLimit(), false, null, "  ", null, null, false,
                ConfirmationMode.CODE, D.sessionLength(), true);
        assertThat(p.domains()).isEqualTo(DomainRules.none());
        assertThat(p.inviterRole()).isNull();
        assertThat(p.inviterUsers()).isEmpty();
        assertThat(p.inviterGroups()).isEmpty();
    }

    @Test
    void inviterEntriesAreNormalised() {
        InvitePolicy p = withInviters(" media-inviter ", new HashSet<>(Arrays.asList(" Alice ", "bob", "", null)),
                new HashSet<>(Arrays.asList("staff", "/editors/", " /a/b ", "  ", null)));
        assertThat(p.inviterRole()).isEqualTo("media-inviter");
        assertThat(p.inviterUsers()).containsExactly("alice", "bob");
        assertThat(p.inviterGroups()).containsExactly("/a/b", "/editors", "/staff");
        assertThatThrownBy(() -> p.inviterUsers().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.inviterGroups().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void invalidInviterEntriesAreRejected() {
        assertRule(() -> withInviters(null, Set.of("a b"), Set.of()), ErrorCode.INVALID_POLICY, "inviterUsers");
        assertRule(() -> withInviters(null, Set.of("a,b"), Set.of()), ErrorCode.INVALID_POLICY, "inviterUsers");
        assertRule(() -> withInviters(null, Set.of(), Set.of("/")), ErrorCode.INVALID_POLICY, "inviterGroups");
        assertRule(() -> withInviters(null, Set.of(), Set.of("/a,/b")), ErrorCode.INVALID_POLICY, "inviterGroups");
    }

    @Test
    void inputSetChangesDoNotLeakIn() {
        Set<String> users = new HashSet<>(Set.of("alice"));
        InvitePolicy p = withInviters(null, users, Set.of());
        users.add("mallory");
        assertThat(p.inviterUsers()).containsExactly("alice");
    }

    // --- attributes

    @Test
    void attributeKeys() {
        assertThat(InvitePolicy.ATTRIBUTE_PREFIX).isEqualTo("mediaInvites.");
        assertThat(InvitePolicy.ATTRIBUTE_NAMES).containsExactly("linkLifetimeSeconds", "useLimit", "deviceBinding",
                "deviceMoves", "blockedDomains", "allowedDomains", "inviterRole", "inviterUsers", "inviterGroups", "inviteEmail",
                "confirmation", "sessionLengthSeconds", "allowPrivileged", "existingAccounts", "liveValidity",
                "liveGraceMinutes", "reminderMinutes", "retentionDays");
        assertThat(InvitePolicy.attributeKey(InvitePolicy.ATTR_USE_LIMIT)).isEqualTo("mediaInvites.useLimit");
    }

    @Test
    void missingAttributesGiveTheDefaults() {
        assertThat(InvitePolicy.fromAttributes(Map.of())).isEqualTo(D);
        assertThat(InvitePolicy.fromAttributes(null)).isEqualTo(D);
        assertThat(InvitePolicy.fromAttributes(Map.of("frontendUrl", "x", "useLimit", "banana"))).isEqualTo(D);
    }

    @Test
    void blankAttributesGiveTheDefaults() {
        Map<String, String> blank = new HashMap<>();
        for (String name : InvitePolicy.ATTRIBUTE_NAMES) {
            blank.put(InvitePolicy.attributeKey(name), " ");
        }
        assertThat(InvitePolicy.fromAttributes(blank)).isEqualTo(D);
    }

    @Test
    void readsEveryAttribute() {
        InvitePolicy p = InvitePolicy.fromAttributes(attrs(
                "linkLifetimeSeconds", " 3600 ",
                "useLimit", "-1",
                "deviceBinding", "FALSE",
                "blockedDomains", "Spam.example, bücher.example\n evil.test",
                "allowedDomains", "partner.org corp.example",
                "inviterRole", "media-inviter",
                "inviterUsers", "Alice, bob carol",
                "inviterGroups", "/staff, /Media Team/editors",
                "inviteEmail", "false",
                "confirmation", "Typed",
                "sessionLengthSeconds", "120",
                "allowPrivileged", "true"));
        assertThat(p.linkLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(p.useLimit()).isEqualTo(UseLimit.UNLIMITED);
        assertThat(p.deviceBinding()).isFalse();
        assertThat(p.domains().blocked()).containsExactly("evil.test", "spam.example", "xn--bcher-kva.example");
        assertThat(p.domains().allowed()).containsExactly("corp.example", "partner.org");
        assertThat(p.inviterRole()).isEqualTo("media-inviter");
        assertThat(p.inviterUsers()).containsExactly("alice", "bob", "carol");
        assertThat(p.inviterGroups()).containsExactly("/Media Team/editors", "/staff");
        assertThat(p.inviteEmail()).isFalse();
        assertThat(p.confirmation()).isEqualTo(ConfirmationMode.TYPED);
        assertThat(p.sessionLength()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.allowPrivileged()).isTrue();
    }

    @Test
    void onlyBlockedOrOnlyAllowedDomains() {
        assertThat(InvitePolicy.fromAttributes(attrs("blockedDomains", "a.com")).domains())
                .isEqualTo(DomainRules.of(List.of("a.com"), List.of()));
        assertThat(InvitePolicy.fromAttributes(attrs("allowedDomains", "b.com")).domains())
                .isEqualTo(DomainRules.of(List.of(), List.of("b.com")));
        assertThat(InvitePolicy.fromAttributes(attrs("blockedDomains", " , ,")).domains())
                .isEqualTo(DomainRules.none());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "linkLifetimeSeconds|abc",
        "linkLifetimeSeconds|1.5",
        "linkLifetimeSeconds|299",
        "linkLifetimeSeconds|2592001",
        "linkLifetimeSeconds|-1",
        "linkLifetimeSeconds|99999999999999999999",
        "useLimit|0",
        "useLimit|-2",
        "useLimit|one",
        "useLimit|99999999999",
        "deviceBinding|yes",
        "deviceBinding|1",
        "inviteEmail|on",
        "allowPrivileged|truee",
        "confirmation|otp",
        "sessionLengthSeconds|59",
        "sessionLengthSeconds|604801",
        "sessionLengthSeconds|8h",
        "blockedDomains|good.com bad_domain.com",
        "allowedDomains|-bad.com",
        "inviterGroups|/",
    })
    void invalidAttributeIsRejectedNamingIt(String name, String value) {
        var e = assertRule(() -> InvitePolicy.fromAttributes(attrs(name, value)), ErrorCode.INVALID_POLICY, name);
        assertThat(e.description()).isNotEqualTo(ErrorCode.INVALID_POLICY.defaultDescription());
    }

    @Test
    void invalidDomainEntryIsNamed() {
        var e = assertRule(() -> InvitePolicy.fromAttributes(attrs("blockedDomains", "ok.com, not_ok.com")),
                ErrorCode.INVALID_POLICY, "blockedDomains");
        assertThat(e.description()).contains("not_ok.com");
    }

    @Test
    void retentionIsWholeDaysFromZero() {
        assertThat(D.retentionDays()).isEqualTo(30);
        assertThat(InvitePolicy.fromAttributes(attrs("retentionDays", "0")).retentionDays()).isZero();
        assertRule(() -> InvitePolicy.fromAttributes(attrs("retentionDays", "-1")), ErrorCode.INVALID_POLICY, "retentionDays");
        assertRule(() -> InvitePolicy.fromAttributes(attrs("retentionDays", "1.5")), ErrorCode.INVALID_POLICY, "retentionDays");
        assertRule(() -> InvitePolicy.fromAttributes(attrs("retentionDays", "3651")), ErrorCode.INVALID_POLICY, "retentionDays");
        // R15: moves of a device binding, default 1, 0 turns them off
        assertThat(D.deviceMoves()).isEqualTo(1);
        assertThat(InvitePolicy.fromAttributes(attrs("deviceMoves", "0")).deviceMoves()).isZero();
        assertThat(InvitePolicy.fromAttributes(attrs("deviceMoves", "3")).deviceMoves()).isEqualTo(3);
        assertRule(() -> InvitePolicy.fromAttributes(attrs("deviceMoves", "-1")), ErrorCode.INVALID_POLICY, "deviceMoves");
        assertRule(() -> InvitePolicy.fromAttributes(attrs("deviceMoves", "21")), ErrorCode.INVALID_POLICY, "deviceMoves");
    }

    @Test
    void defaultsToAttributes() {
        assertThat(D.toAttributes()).containsExactly(
                Map.entry("mediaInvites.linkLifetimeSeconds", "86400"),
                Map.entry("mediaInvites.useLimit", "1"),
                Map.entry("mediaInvites.deviceBinding", "true"),
                Map.entry("mediaInvites.deviceMoves", "1"),
                Map.entry("mediaInvites.blockedDomains", ""),
                Map.entry("mediaInvites.allowedDomains", ""),
                Map.entry("mediaInvites.inviterRole", ""),
                Map.entry("mediaInvites.inviterUsers", ""),
                Map.entry("mediaInvites.inviterGroups", ""),
                Map.entry("mediaInvites.inviteEmail", "true"),
                Map.entry("mediaInvites.confirmation", "none"),
                Map.entry("mediaInvites.sessionLengthSeconds", "28800"),
                Map.entry("mediaInvites.allowPrivileged", "false"),
                Map.entry("mediaInvites.existingAccounts", "sign-in"),
                Map.entry("mediaInvites.liveValidity", "lifetime"),
                Map.entry("mediaInvites.liveGraceMinutes", "30"),
                Map.entry("mediaInvites.reminderMinutes", "0"),
                Map.entry("mediaInvites.retentionDays", "30"));
        assertThatThrownBy(() -> D.toAttributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void attributesRoundTrip() {
        InvitePolicy p = new InvitePolicy(Duration.ofMinutes(90), UseLimit.of(5), false,
                DomainRules.of(List.of("bücher.example", "spam.test"), List.of("partner.org")), "inviter",
                Set.of("alice", "bob"), Set.of("/Media Team", "/staff/editors"), false, ConfirmationMode.CODE,
                Duration.ofDays(7), true);
        Map<String, String> attributes = p.toAttributes();
        assertThat(attributes).containsEntry("mediaInvites.blockedDomains", "spam.test,xn--bcher-kva.example")
                .containsEntry("mediaInvites.inviterGroups", "/Media Team,/staff/editors")
                .containsEntry("mediaInvites.confirmation", "code")
                .containsEntry("mediaInvites.useLimit", "5");
        assertThat(InvitePolicy.fromAttributes(attributes)).isEqualTo(p);
        assertThat(InvitePolicy.fromAttributes(D.toAttributes())).isEqualTo(D);
        InvitePolicy unlimited = withLimit(UseLimit.UNLIMITED);
        assertThat(InvitePolicy.fromAttributes(unlimited.toAttributes())).isEqualTo(unlimited);
    }

    // --- effective lifetime and use limit

    @Test
    void effectiveLifetime() {
        InvitePolicy p = withLifetime(Duration.ofHours(2));
        assertThat(p.effectiveLifetime(null)).isEqualTo(Duration.ofHours(2));
        assertThat(p.effectiveLifetime(60L)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.effectiveLifetime(7200L)).isEqualTo(Duration.ofHours(2));
        assertThat(p.effectiveLifetime(1800L)).isEqualTo(Duration.ofMinutes(30));
    }

    @ParameterizedTest
    @ValueSource(longs = {59, 1, 0, -1, Long.MIN_VALUE})
    void requestedLifetimeBelowAMinuteIsInvalid(long seconds) {
        assertRule(() -> D.effectiveLifetime(seconds), ErrorCode.INVALID_REQUEST, "lifetimeSeconds");
    }

    @ParameterizedTest
    @ValueSource(longs = {7201, 86400, Long.MAX_VALUE})
    void requestedLifetimeAbovePolicyIsRefused(long seconds) {
        var e = assertRule(() -> withLifetime(Duration.ofHours(2)).effectiveLifetime(seconds),
                ErrorCode.LIFETIME_EXCEEDS_POLICY, "lifetimeSeconds");
        assertThat(e.description()).contains("7200");
    }

    @ParameterizedTest
    @CsvSource({
        "1, , 1",
        "1, 1, 1",
        "5, 1, 1",
        "5, 5, 5",
        "-1, , -1",
        "-1, -1, -1",
        "-1, 1000, 1000",
    })
    void effectiveUseLimit(int policy, Integer requested, int expected) {
        assertThat(withLimit(UseLimit.of(policy)).effectiveUseLimit(requested)).isEqualTo(UseLimit.of(expected));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -2, Integer.MIN_VALUE})
    void invalidRequestedUseLimit(int requested) {
        assertRule(() -> withLimit(UseLimit.UNLIMITED).effectiveUseLimit(requested), ErrorCode.INVALID_REQUEST,
                "useLimit");
    }

    @ParameterizedTest
    @CsvSource({"1, 2", "1, -1", "5, 6", "5, -1"})
    void requestedUseLimitAbovePolicyIsRefused(int policy, int requested) {
        assertRule(() -> withLimit(UseLimit.of(policy)).effectiveUseLimit(requested),
                ErrorCode.USE_LIMIT_EXCEEDS_POLICY, "useLimit");
    }

    // --- inviter rule

    @Test
    void noInviterRuleAllowsEveryCollaborator() {
        assertThat(D.inviterRuleAllows(Set.of(), "anyone", Set.of())).isTrue();
        assertThat(D.inviterRuleAllows(null, null, null)).isTrue();
    }

    @Test
    void inviterRole() {
        InvitePolicy p = withInviters("inviter", Set.of(), Set.of());
        assertThat(p.inviterRuleAllows(Set.of("offline_access", "inviter"), "x", Set.of())).isTrue();
        assertThat(p.inviterRuleAllows(Set.of("offline_access"), "x", Set.of())).isFalse();
        assertThat(p.inviterRuleAllows(Set.of("Inviter"), "x", Set.of())).isFalse();
        assertThat(p.inviterRuleAllows(null, "x", null)).isFalse();
    }

    @Test
    void inviterUsers() {
        InvitePolicy p = withInviters(null, Set.of("Alice"), Set.of());
        assertThat(p.inviterRuleAllows(Set.of(), "alice", Set.of())).isTrue();
        assertThat(p.inviterRuleAllows(Set.of(), "ALICE", Set.of())).isTrue();
        assertThat(p.inviterRuleAllows(Set.of(), "alice2", Set.of())).isFalse();
        assertThat(p.inviterRuleAllows(Set.of(), "bob", Set.of())).isFalse();
        assertThat(p.inviterRuleAllows(Set.of(), null, Set.of())).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "/staff, true",
        "/staff/editors, true",
        "/staff/editors/junior, true",
        "/staffing, false",
        "/other/staff, false",
        "/, false",
        "staff, false",
    })
    void inviterGroupsIncludeSubGroups(String userGroup, boolean expected) {
        InvitePolicy p = withInviters(null, Set.of(), Set.of("/staff"));
        assertThat(p.inviterRuleAllows(Set.of(), "x", Set.of(userGroup))).isEqualTo(expected);
    }

    @Test
    void inviterGroupsWithoutLeadingSlashMatchKeycloakPaths() {
        InvitePolicy p = withInviters(null, Set.of(), Set.of("Media Team/"));
        assertThat(p.inviterRuleAllows(Set.of(), "x", Set.of("/Media Team/editors"))).isTrue();
        assertThat(p.inviterRuleAllows(Set.of(), "x", new HashSet<>(Arrays.asList(null, "/x")))).isFalse();
    }

    @Test
    void anyInviterCriterionSuffices() {
        InvitePolicy p = withInviters("inviter", Set.of("alice"), Set.of("/staff"));
        assertThat(p.inviterRuleAllows(Set.of("inviter"), "bob", Set.of())).isTrue();
        assertThat(p.inviterRuleAllows(Set.of(), "alice", Set.of())).isTrue();
        assertThat(p.inviterRuleAllows(Set.of(), "bob", Set.of("/staff/x"))).isTrue();
        assertThat(p.inviterRuleAllows(Set.of("user"), "bob", Set.of("/other"))).isFalse();
    }

    @ParameterizedTest
    @NullSource
    void onlyUsersOrOnlyGroupsConfiguredIsRestrictive(Set<String> none) {
        assertThat(withInviters(null, Set.of("alice"), Set.of()).inviterRuleAllows(none, "bob", none)).isFalse();
        assertThat(withInviters(null, Set.of(), Set.of("/g")).inviterRuleAllows(none, "bob", none)).isFalse();
    }
}
