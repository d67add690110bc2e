package io.mediainvites.core.policy;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mediainvites.core.error.ErrorCode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declarations and what InvitePolicy derives from them. */
class PolicySettingsTest {

    @Test
    void namesAreUniqueAndMessageKeysFollowThem() {
        Set<String> names = new HashSet<>();
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            assertThat(names.add(setting.name())).as(setting.name()).isTrue();
            assertThat(setting.labelKey()).startsWith("mediaInvites").isNotEqualTo(setting.helpKey());
            assertThat(setting.helpKey()).isEqualTo(setting.labelKey() + "Help");
            assertThat(PolicySettings.named(setting.name())).containsSame(setting);
        }
        assertThat(PolicySettings.LINK_LIFETIME.labelKey()).isEqualTo("mediaInvitesLinkLifetimeSeconds");
        assertThat(PolicySettings.named("linkLifetime")).isEmpty();
        assertThat(InvitePolicy.ATTRIBUTE_NAMES)
                .containsExactlyElementsOf(PolicySettings.ALL.stream().map(PolicySetting::name).toList());
    }

    @Test
    void everyDefaultSurvivesItsTextForms() {
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            assertRoundTrip(setting);
        }
    }

    private static <T> void assertRoundTrip(PolicySetting<T> setting) {
        T value = setting.defaultValue();
        assertThat(InvitePolicy.DEFAULTS.get(setting)).isEqualTo(value);
        String text = setting.attributeValue(value);
        if (!text.isEmpty()) {
            assertThat(setting.parse(text)).as(setting.name()).isEqualTo(value);
        }
        assertThat(String.join(",", setting.fieldValues(value))).isEqualTo(text);
    }

    @Test
    void capabilitiesAreTheSettingsShownToApps() {
        Map<String, Object> capabilities = InvitePolicy.DEFAULTS.capabilities();
        assertThat(capabilities).containsExactly(
                Map.entry("maxLifetimeSeconds", 86400L),
                Map.entry("maxUseLimit", 1),
                Map.entry("deviceBinding", true),
                Map.entry("sessionLengthSeconds", 28800L));
        InvitePolicy changed = InvitePolicy.DEFAULTS.with(PolicySettings.USE_LIMIT, UseLimit.UNLIMITED)
                .with(PolicySettings.ALLOW_PRIVILEGED, true);
        assertThat(changed.capabilities()).containsEntry("maxUseLimit", -1).doesNotContainKey("allowPrivileged");
        assertThat(PolicySettings.ALL.stream().filter(s -> s.capability() != null).map(PolicySetting::name))
                .containsExactly("linkLifetimeSeconds", "useLimit", "deviceBinding", "sessionLengthSeconds");
    }

    @Test
    void withChangesOneSettingAndValidatesIt() {
        InvitePolicy p = InvitePolicy.DEFAULTS.with(PolicySettings.SESSION_LENGTH, Duration.ofHours(1))
                .with(PolicySettings.INVITER_USERS, Set.of(" Alice "));
        assertThat(p.sessionLength()).isEqualTo(Duration.ofHours(1));
        assertThat(p.inviterUsers()).containsExactly("alice");
        assertThat(p.linkLifetime()).isEqualTo(InvitePolicy.DEFAULTS.linkLifetime());
        assertThat(p).isNotEqualTo(InvitePolicy.DEFAULTS)
                .isEqualTo(InvitePolicy.fromAttributes(p.toAttributes()))
                .hasSameHashCodeAs(InvitePolicy.fromAttributes(p.toAttributes()));
        assertRule(() -> InvitePolicy.DEFAULTS.with(PolicySettings.SESSION_LENGTH, Duration.ofSeconds(1)),
                ErrorCode.INVALID_POLICY, "sessionLengthSeconds");
        assertRule(() -> InvitePolicy.DEFAULTS.with(PolicySettings.BLOCKED_DOMAINS, List.of("a.example"))
                .with(PolicySettings.ALLOWED_DOMAINS, List.of("A.Example")), ErrorCode.INVALID_POLICY, "allowedDomains");
        assertThat(InvitePolicy.DEFAULTS.with(PolicySettings.BLOCKED_DOMAINS, List.of("B.example", "a.example"))
                .domains().blocked()).containsExactly("a.example", "b.example");
    }

    @Test
    void ofTakesDefaultsForMissingSettings() {
        assertThat(InvitePolicy.of(Map.of())).isEqualTo(InvitePolicy.DEFAULTS);
        assertThat(InvitePolicy.of(null)).isEqualTo(InvitePolicy.DEFAULTS);
        assertThat(InvitePolicy.of(Map.of(PolicySettings.CONFIRMATION, ConfirmationMode.CODE)).confirmation())
                .isEqualTo(ConfirmationMode.CODE);
    }

    @Test
    void anUndeclaredSettingIsNoPartOfAPolicy() {
        PolicySetting<Boolean> stray = PolicySetting.flag("stray", true);
        assertThatIllegalArgumentException().isThrownBy(() -> InvitePolicy.DEFAULTS.get(stray));
        assertThat(PolicySettings.ALL).doesNotContain(stray);
    }

    @Test
    void choicesUseWireNames() {
        assertThat(PolicySettings.CONFIRMATION.options()).containsExactly("none", "typed", "code");
        assertThat(PolicySettings.CONFIRMATION.documentedValues()).containsExactly("none", "typed", "code");
        assertThat(PolicySettings.CONFIRMATION.parse(" Typed ")).isEqualTo(ConfirmationMode.TYPED);
        var e = assertRule(() -> PolicySettings.CONFIRMATION.parse("sms"), ErrorCode.INVALID_POLICY, "confirmation");
        assertThat(e.description()).isEqualTo("Unknown confirmation mode. Known modes: none, typed, code.");
    }

    @Test
    void toStringNamesEverySetting() {
        assertThat(InvitePolicy.DEFAULTS.toString()).contains("linkLifetimeSeconds=PT24H", "inviterRole=null",
                "allowPrivileged=false");
    }
}
