package io.mediainvites.model.policy;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * The realm's invite policy (A1): the single place it is read and written. It lives in realm attributes
 * ({@link InvitePolicy#ATTRIBUTE_PREFIX}{@code *}), so realm export and import carry it; unset values take
 * the spec defaults. Issuance reads it per request, so a change applies to the next invite at once.
 */
public final class RealmInvitePolicy {

    private static final Logger LOG = Logger.getLogger(RealmInvitePolicy.class);
    /** Invalid stored values already logged (realm, attribute, value), so each is logged once, not per request. */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
    private static final int MAX_LOGGED = 10_000;

    /**
     * The last policy read per realm with the attributes it was read from: a request that finds the same attributes
     * reuses it instead of parsing them again (a policy is immutable; any change of an attribute parses afresh).
     */
    private static final Map<String, Parsed> LAST = new ConcurrentHashMap<>();

    private record Parsed(Map<String, String> attributes, InvitePolicy policy) {
    }

    private RealmInvitePolicy() {
    }

    /**
     * @throws InviteRuleException {@code invalid_policy} naming the attribute (as field, and as
     *     {@code mediaInvites.<name>} in the description) if a stored value is invalid, e.g. set by hand or by an
     *     import; the first time a realm's invalid value is read it is logged (WARN), later reads are not
     */
    public static InvitePolicy of(RealmModel realm) {
        Map<String, String> ours = realm.getAttributes().entrySet().stream()
                .filter(e -> e.getKey().startsWith(InvitePolicy.ATTRIBUTE_PREFIX) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Parsed last = LAST.get(realm.getId());
        if (last != null && last.attributes().equals(ours)) {
            return last.policy();
        }
        try {
            InvitePolicy policy = InvitePolicy.fromAttributes(ours);
            LAST.put(realm.getId(), new Parsed(ours, policy));
            return policy;
        } catch (InviteRuleException e) {
            String attribute = e.field() == null ? InvitePolicy.ATTRIBUTE_PREFIX + "*" : InvitePolicy.attributeKey(e.field());
            String once = realm.getId() + '\n' + attribute + '\n' + ours.get(attribute);
            if (LOGGED.size() < MAX_LOGGED && LOGGED.add(once)) {
                String stored = ours.get(attribute);
                LOG.warnf("realm %s: invalid invite policy attribute %s=\"%s\": %s (logged once per value)",
                        realm.getName(), attribute, stored == null || stored.length() <= 100 ? stored
                                : stored.substring(0, 100) + "...", e.description());
            }
            throw new InviteRuleException(ErrorCode.INVALID_POLICY, e.field(), "The realm's invite policy attribute '"
                    + attribute + "' is invalid: " + e.description() + " An identity admin must correct it.");
        }
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
