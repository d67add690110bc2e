package io.mediainvites.model.policy;

import io.mediainvites.core.policy.InvitePolicy;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.models.RealmModel;

/** The realm's invite policy (A1), read from realm attributes with the spec defaults for what is unset. */
public final class RealmInvitePolicy {

    private RealmInvitePolicy() {
    }

    public static InvitePolicy of(RealmModel realm) {
        Map<String, String> ours = realm.getAttributes().entrySet().stream()
                .filter(e -> e.getKey().startsWith(InvitePolicy.ATTRIBUTE_PREFIX) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return InvitePolicy.fromAttributes(ours);
    }
}
