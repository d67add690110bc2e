package io.mediainvites.admin.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.core.policy.PolicySetting;
import io.mediainvites.core.policy.PolicySettings;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin REST representation of the invite policy: a JSON object with one field per declared setting
 * ({@link PolicySettings#ALL}, named as the attributes), of the JSON type of the setting's
 * {@link PolicySetting.Kind kind} (numbers, booleans, strings, arrays of strings).
 *
 * <p>Reading is strict: unknown fields and wrong types are refused with {@code invalid_policy} naming the
 * field; a missing or null field takes its default (PUT replaces the whole policy).
 */
public final class PolicyJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyJson() {
    }

    /** The policy as a JSON-ready map, every setting present in declaration order (inviterRole null when none). */
    public static Map<String, Object> toMap(InvitePolicy policy) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            map.put(setting.name(), policy.jsonValue(setting));
        }
        return map;
    }

    /** The policy as a JSON text (stable field order, nulls included). */
    public static String write(InvitePolicy policy) {
        try {
            return MAPPER.writeValueAsString(toMap(policy));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and validates a policy document.
     *
     * @throws InviteRuleException {@code invalid_json} if the body is not a JSON object; {@code invalid_policy}
     *     naming the field for an unknown field, a wrong type or an invalid value
     */
    public static InvitePolicy read(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InviteRuleException(ErrorCode.INVALID_JSON, "The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new InviteRuleException(ErrorCode.INVALID_JSON, "The body must be a JSON object with the policy fields.");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = root.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            PolicySetting<?> setting = PolicySettings.named(name).orElseThrow(() -> invalid(name,
                    "Unknown field. Known fields: " + String.join(", ", InvitePolicy.ATTRIBUTE_NAMES) + "."));
            if (value == null || value.isNull()) {
                continue;
            }
            fields.put(name, values(setting, value));
        }
        return InvitePolicy.fromFieldValues(fields);
    }

    /** The form values of a JSON value, checked against the JSON type of the setting's kind. */
    private static List<String> values(PolicySetting<?> setting, JsonNode value) {
        return switch (setting.kind()) {
            case NUMBER -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw setting.invalid("The value must be a whole number.");
                }
                yield List.of(Long.toString(value.longValue()));
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw setting.invalid("The value must be true or false.");
                }
                yield List.of(Boolean.toString(value.booleanValue()));
            }
            case TEXT, CHOICE -> {
                if (!value.isTextual()) {
                    throw setting.invalid("The value must be a string.");
                }
                yield List.of(value.textValue());
            }
            case LIST -> {
                if (!value.isArray()) {
                    throw setting.invalid("The value must be an array of strings.");
                }
                List<String> list = new ArrayList<>();
                for (JsonNode element : value) {
                    if (!element.isTextual()) {
                        throw setting.invalid("Every entry must be a string.");
                    }
                    String text = element.textValue();
                    if (text.indexOf(',') >= 0) {
                        throw setting.invalid("Give one entry per array element; an entry must not contain a comma.");
                    }
                    if (!setting.entriesMayContainSpaces() && text.strip().chars().anyMatch(Character::isWhitespace)) {
                        throw setting.invalid("An entry must not contain spaces: " + text.strip());
                    }
                    list.add(text);
                }
                yield list;
            }
        };
    }

    private static InviteRuleException invalid(String field, String description) {
        return new InviteRuleException(ErrorCode.INVALID_POLICY, field, description);
    }
}
