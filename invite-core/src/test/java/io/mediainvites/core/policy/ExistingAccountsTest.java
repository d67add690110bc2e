package io.mediainvites.core.policy;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The existingAccounts setting: how an invite to an existing account's address is accepted. */
class ExistingAccountsTest {

    @Test
    void signInIsTheDefault() {
        assertThat(InvitePolicy.DEFAULTS.existingAccounts()).isEqualTo(ExistingAccounts.SIGN_IN);
        assertThat(InvitePolicy.DEFAULTS.toAttributes()).containsEntry("mediaInvites.existingAccounts", "sign-in");
        assertThat(InvitePolicy.fromAttributes(Map.of("mediaInvites.existingAccounts", " ")).existingAccounts())
                .isEqualTo(ExistingAccounts.SIGN_IN);
    }

    @ParameterizedTest
    @CsvSource({"SIGN_IN, sign-in", "CODE, code"})
    void wireNamesInAttributesAndForm(ExistingAccounts mode, String wire) {
        assertThat(mode.wire()).isEqualTo(wire);
        InvitePolicy policy = InvitePolicy.fromAttributes(Map.of("mediaInvites.existingAccounts", " " + wire.toUpperCase() + " "));
        assertThat(policy.existingAccounts()).isEqualTo(mode);
        assertThat(policy.toAttributes()).containsEntry("mediaInvites.existingAccounts", wire);
        assertThat(policy.toFieldValues().get("existingAccounts")).containsExactly(wire);
        assertThat(InvitePolicy.fromFieldValues(Map.of("existingAccounts", List.of(wire)))).isEqualTo(policy);
        assertThat(policy.jsonValue(PolicySettings.EXISTING_ACCOUNTS)).isEqualTo(wire);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "sign_in", "signin", "none"})
    void anUnknownModeNamesTheSetting(String wire) {
        var e = assertRule(() -> InvitePolicy.fromAttributes(Map.of("mediaInvites.existingAccounts", wire)),
                ErrorCode.INVALID_POLICY, "existingAccounts");
        assertThat(e.description()).isEqualTo("Unknown existing-account mode. Known modes: sign-in, code.");
    }

    @Test
    void mediaAppsDoNotSeeIt() {
        InvitePolicy code = InvitePolicy.DEFAULTS.with(PolicySettings.EXISTING_ACCOUNTS, ExistingAccounts.CODE);
        assertThat(PolicySettings.EXISTING_ACCOUNTS.capability()).isNull();
        assertThat(code.capabilities()).isEqualTo(InvitePolicy.DEFAULTS.capabilities());
        assertThat(code).isNotEqualTo(InvitePolicy.DEFAULTS);
    }
}
