package io.mediainvites.admin.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin REST representation of the invite policy: a JSON object whose fields are the policy's attribute
 * names ({@link InvitePolicy#ATTRIBUTE_NAMES}) with JSON types (numbers, booleans, arrays of strings).
 *
 * <p>Reading is strict: unknown fields and wrong types are refused with {@code invalid_policy} naming the
 * field; a missing or null field takes its default (PUT replaces the whole policy).
 */
public final class PolicyJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> WHOLE_NUMBERS = Set.of(InvitePolicy.ATTR_LINK_LIFETIME_SECONDS,
            InvitePolicy.ATTR_USE_LIMIT, InvitePolicy.ATTR_SESSION_LENGTH_SECONDS);
    private static final Set<String> BOOLEANS = Set.of(InvitePolicy.ATTR_DEVICE_BINDING,
            InvitePolicy.ATTR_INVITE_EMAIL, InvitePolicy.ATTR_ALLOW_PRIVILEGED);
    private static final Set<String> TEXTS = Set.of(InvitePolicy.ATTR_INVITER_ROLE, InvitePolicy.ATTR_CONFIRMATION);
    private static final Set<String> LISTS = Set.of(InvitePolicy.ATTR_BLOCKED_DOMAINS,
            InvitePolicy.ATTR_ALLOWED_DOMAINS, InvitePolicy.ATTR_INVITER_USERS, InvitePolicy.ATTR_INVITER_GROUPS);

    private PolicyJson() {
    }

    /** The policy as a JSON-ready map, every field present (inviterRole null when none). */
    public static Map<String, Object> toMap(InvitePolicy policy) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(InvitePolicy.ATTR_LINK_LIFETIME_SECONDS, policy.linkLifetime().getSeconds());
        map.put(InvitePolicy.ATTR_USE_LIMIT, policy.useLimit().value());
        map.put(InvitePolicy.ATTR_DEVICE_BINDING, policy.deviceBinding());
        map.put(InvitePolicy.ATTR_BLOCKED_DOMAINS, policy.domains().blocked());
        map.put(InvitePolicy.ATTR_ALLOWED_DOMAINS, policy.domains().allowed());
        map.put(InvitePolicy.ATTR_INVITER_ROLE, policy.inviterRole());
        map.put(InvitePolicy.ATTR_INVITER_USERS, List.copyOf(policy.inviterUsers()));
        map.put(InvitePolicy.ATTR_INVITER_GROUPS, List.copyOf(policy.inviterGroups()));
        map.put(InvitePolicy.ATTR_INVITE_EMAIL, policy.inviteEmail());
        map.put(InvitePolicy.ATTR_CONFIRMATION, policy.confirmation().wire());
        map.put(InvitePolicy.ATTR_SESSION_LENGTH_SECONDS, policy.sessionLength().getSeconds());
        map.put(InvitePolicy.ATTR_ALLOW_PRIVILEGED, policy.allowPrivileged());
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
            if (!InvitePolicy.ATTRIBUTE_NAMES.contains(name)) {
                throw invalid(name, "Unknown field. Known fields: " + String.join(", ", InvitePolicy.ATTRIBUTE_NAMES) + ".");
            }
            if (value == null || value.isNull()) {
                continue;
            }
            fields.put(name, values(name, value));
        }
        return InvitePolicy.fromFieldValues(fields);
    }

    private static List<String> values(String name, JsonNode value) {
        if (WHOLE_NUMBERS.contains(name)) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw invalid(name, "The value must be a whole number.");
            }
            return List.of(Long.toString(value.longValue()));
        }
        if (BOOLEANS.contains(name)) {
            if (!value.isBoolean()) {
                throw invalid(name, "The value must be true or false.");
            }
            return List.of(Boolean.toString(value.booleanValue()));
        }
        if (TEXTS.contains(name)) {
            if (!value.isTextual()) {
                throw invalid(name, "The value must be a string.");
            }
            return List.of(value.textValue());
        }
        if (LISTS.contains(name)) {
            if (!value.isArray()) {
                throw invalid(name, "The value must be an array of strings.");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isTextual()) {
                    throw invalid(name, "Every entry must be a string.");
                }
                String text = element.textValue();
                if (text.indexOf(',') >= 0) {
                    throw invalid(name, "Give one entry per array element; an entry must not contain a comma.");
                }
                if (!name.equals(InvitePolicy.ATTR_INVITER_GROUPS)
                        && text.strip().chars().anyMatch(Character::isWhitespace)) {
                    throw invalid(name, "An entry must not contain spaces: " + text.strip());
                }
                list.add(text);
            }
            return list;
        }
        throw new IllegalStateException("unmapped policy field " + name);
    }

    private static InviteRuleException invalid(String field, String description) {
        return new InviteRuleException(ErrorCode.INVALID_POLICY, field, description);
    }
}
