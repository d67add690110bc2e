package io.mediainvites.model.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

/** The policy read per request: parsed once per attribute set, never stale after a change. */
class RealmInvitePolicyTest {

    private static final String USE_LIMIT = InvitePolicy.ATTRIBUTE_PREFIX + InvitePolicy.ATTR_USE_LIMIT;

    private final String realmId = UUID.randomUUID().toString();
    private final Map<String, String> attributes = new HashMap<>();

    /** A realm that answers only what the policy reads (id, name, attributes). */
    private RealmModel realm() {
        return (RealmModel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> realmId;
                    case "getName" -> "test";
                    case "getAttributes" -> new HashMap<>(attributes);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aChangedAttributeIsReadAtOnce() {
        attributes.put(USE_LIMIT, "3");
        assertThat(RealmInvitePolicy.of(realm()).useLimit().value()).isEqualTo(3);
        attributes.put(USE_LIMIT, "5");
        assertThat(RealmInvitePolicy.of(realm()).useLimit().value()).isEqualTo(5);
        attributes.remove(USE_LIMIT);
        assertThat(RealmInvitePolicy.of(realm()).useLimit().value())
                .isEqualTo(InvitePolicy.fromAttributes(Map.of()).useLimit().value());
    }

    @Test
    void theSameAttributesReuseTheParsedPolicy() {
        attributes.put(USE_LIMIT, "4");
        attributes.put("unrelated.attribute", "x");
        InvitePolicy first = RealmInvitePolicy.of(realm());
        attributes.put("unrelated.attribute", "y"); // not a policy attribute: still the same policy
        assertThat(RealmInvitePolicy.of(realm())).isSameAs(first);
    }

    @Test
    void anInvalidValueIsRefusedOnEveryReadAndAValidOneAfterItIsRead() {
        attributes.put(USE_LIMIT, "2");
        RealmInvitePolicy.of(realm());
        attributes.put(USE_LIMIT, "not-a-number");
        assertThatThrownBy(() -> RealmInvitePolicy.of(realm())).isInstanceOf(InviteRuleException.class);
        assertThatThrownBy(() -> RealmInvitePolicy.of(realm())).isInstanceOf(InviteRuleException.class);
        attributes.put(USE_LIMIT, "7");
        assertThat(RealmInvitePolicy.of(realm()).useLimit().value()).isEqualTo(7);
    }
}
