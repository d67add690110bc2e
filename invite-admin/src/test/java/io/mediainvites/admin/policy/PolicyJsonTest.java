package io.mediainvites.admin.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediainvites.admin.console.PolicyTabMirror;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.ConfirmationMode;
import io.mediainvites.core.policy.InvitePolicy;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyJsonTest {

    @Test
    void defaultsAsJsonHaveEveryField() {
        String json = PolicyJson.write(InvitePolicy.DEFAULTS);
        assertThat(json).isEqualTo("{\"linkLifetimeSeconds\":86400,\"useLimit\":1,\"deviceBinding\":true,\"deviceMoves\":1,"
                + "\"blockedDomains\":[],\"allowedDomains\":[],\"inviterRole\":null,\"inviterUsers\":[],"
                + "\"inviterGroups\":[],\"inviteEmail\":true,\"confirmation\":\"none\","
                + "\"sessionLengthSeconds\":28800,\"allowPrivileged\":false,\"existingAccounts\":\"sign-in\","
                + "\"liveValidity\":\"lifetime\",\"liveGraceMinutes\":30,\"reminderMinutes\":0,\"retentionDays\":30}");
        assertThat(PolicyJson.read(json)).isEqualTo(InvitePolicy.DEFAULTS);
    }

    @Test
    void fullDocumentRoundTrips() {
        String body = "{\"linkLifetimeSeconds\":7200,\"useLimit\":-1,\"deviceBinding\":false,"
                + "\"blockedDomains\":[\"Blocked.Example\",\"bücher.example\"],\"allowedDomains\":[],"
                + "\"inviterRole\":\"media-inviter\",\"inviterUsers\":[\"Alice\"],\"inviterGroups\":[\"staff/\"],"
                + "\"inviteEmail\":false,\"confirmation\":\"TYPED\",\"sessionLengthSeconds\":3600,\"allowPrivileged\":true}";
        InvitePolicy policy = PolicyJson.read(body);
        assertThat(policy.linkLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.useLimit().unlimited()).isTrue();
        assertThat(policy.domains().blocked()).containsExactly("blocked.example", "xn--bcher-kva.example");
        assertThat(policy.inviterUsers()).containsExactly("alice");
        assertThat(policy.inviterGroups()).containsExactly("/staff");
        assertThat(policy.confirmation()).isEqualTo(ConfirmationMode.TYPED);
        assertThat(PolicyJson.read(PolicyJson.write(policy))).isEqualTo(policy);
        // the console tab's copy describes the same policy
        assertThat(PolicyTabMirror.fromConfig(PolicyTabMirror.toConfig(policy))).isEqualTo(policy);
    }

    @Test
    void missingAndNullFieldsTakeTheDefault() {
        InvitePolicy policy = PolicyJson.read("{\"useLimit\":3,\"inviterRole\":null}");
        assertThat(policy.useLimit().value()).isEqualTo(3);
        assertThat(policy.linkLifetime()).isEqualTo(InvitePolicy.DEFAULTS.linkLifetime());
        assertThat(policy.inviterRole()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"linkLifetimeSeconds\":60}|linkLifetimeSeconds",
            "{\"linkLifetimeSeconds\":\"7200\"}|linkLifetimeSeconds",
            "{\"linkLifetimeSeconds\":7200.5}|linkLifetimeSeconds",
            "{\"linkLifetimeSeconds\":99999999999999999999}|linkLifetimeSeconds",
            "{\"useLimit\":0}|useLimit",
            "{\"deviceBinding\":\"true\"}|deviceBinding",
            "{\"blockedDomains\":\"a.example\"}|blockedDomains",
            "{\"blockedDomains\":[1]}|blockedDomains",
            "{\"blockedDomains\":[\"a.example,b.example\"]}|blockedDomains",
            "{\"blockedDomains\":[\"not a domain\"]}|blockedDomains",
            "{\"allowedDomains\":[\"x.example\"],\"blockedDomains\":[\"x.example\"]}|allowedDomains",
            "{\"inviterRole\":42}|inviterRole",
            "{\"inviterUsers\":[\"john doe\"]}|inviterUsers",
            "{\"inviterGroups\":[\"/\"]}|inviterGroups",
            "{\"inviteEmail\":null,\"confirmation\":\"sms\"}|confirmation",
            "{\"sessionLengthSeconds\":604801}|sessionLengthSeconds",
            "{\"allowPrivileged\":1}|allowPrivileged",
            "{\"linkLifetime\":7200}|linkLifetime",
    })
    void invalidValuesNameTheField(String body, String field) {
        InviteRuleException e = catchThrowableOfType(InviteRuleException.class, () -> PolicyJson.read(body));
        assertThat(e).as(body).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POLICY);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.description()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{", "[]", "\"policy\"", "''"})
    void aBodyThatIsNoObjectIsInvalidJson(String body) {
        InviteRuleException e = catchThrowableOfType(InviteRuleException.class, () -> PolicyJson.read(body));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
    }
}
