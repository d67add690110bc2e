package io.mediainvites.model.policy;

import io.mediainvites.core.policy.InvitePolicy;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.models.RealmModel;

/**
 * The realm's invite policy (A1): the single place it is read and written. It lives in realm attributes
 * ({@link InvitePolicy#ATTRIBUTE_PREFIX}{@code *}), so realm export and import carry it; unset values take
 * the spec defaults. Issuance reads it per request, so a change applies to the next invite at once.
 */
public final class RealmInvitePolicy {

    private RealmInvitePolicy() {
    }

    /**
     * @throws io.mediainvites.core.error.InviteRuleException {@code invalid_policy} naming the attribute if a
     *     stored value is invalid (e.g. set by hand)
     */
    public static InvitePolicy of(RealmModel realm) {
        Map<String, String> ours = realm.getAttributes().entrySet().stream()
                .filter(e -> e.getKey().startsWith(InvitePolicy.ATTRIBUTE_PREFIX) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return InvitePolicy.fromAttributes(ours);
    }

    /**
     * Stores the whole policy, replacing the previous one: every attribute is written; an empty value (no
     * domains, no inviter role, ...) removes the attribute, which reads back as the same "none".
     */
    public static void write(RealmModel realm, InvitePolicy policy) {
        for (Map.Entry<String, String> attribute : policy.toAttributes().entrySet()) {
            if (attribute.getValue().isEmpty()) {
                realm.removeAttribute(attribute.getKey());
            } else {
                realm.setAttribute(attribute.getKey(), attribute.getValue());
            }
        }
    }
}
