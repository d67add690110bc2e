package io.mediainvites.admin.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.core.policy.PolicySetting;
import io.mediainvites.core.policy.PolicySettings;
import org.junit.jupiter.api.Test;

/** The REST representation follows the declarations: every setting is a field of its kind's JSON type. */
class PolicyJsonKindsTest {

    /** A JSON value of the wrong type for each kind. */
    private static String wrongType(PolicySetting.Kind kind) {
        return switch (kind) {
            case NUMBER -> "\"1\"";
            case BOOLEAN -> "\"true\"";
            case TEXT, CHOICE -> "[\"x\"]";
            case LIST -> "\"x\"";
        };
    }

    @Test
    void everySettingIsAFieldOfTheDocument() {
        assertThat(PolicyJson.toMap(InvitePolicy.DEFAULTS).keySet())
                .containsExactlyElementsOf(PolicySettings.ALL.stream().map(PolicySetting::name).toList());
    }

    @Test
    void aWrongJsonTypeNamesTheSetting() {
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            String body = "{\"" + setting.name() + "\":" + wrongType(setting.kind()) + "}";
            InviteRuleException e = catchThrowableOfType(InviteRuleException.class, () -> PolicyJson.read(body));
            assertThat(e).as(body).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POLICY);
            assertThat(e.field()).as(body).isEqualTo(setting.name());
        }
    }

    @Test
    void everyDefaultReadsBackFromItsJson() {
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            String body = "{\"" + setting.name() + "\":" + json(InvitePolicy.DEFAULTS.jsonValue(setting)) + "}";
            assertThat(PolicyJson.read(body)).as(body).isEqualTo(InvitePolicy.DEFAULTS);
        }
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
