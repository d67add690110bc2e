package io.mediainvites.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.policy.InvitePolicy;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

class PolicyTabMirrorTest {

    private static InvitePolicy policy(String blocked) {
        return InvitePolicy.fromFieldValues(Map.of("blockedDomains", List.of(blocked.split(" ")),
                "linkLifetimeSeconds", List.of("7200")));
    }

    @Test
    void theCopyHasOnlyThePolicyFieldsAndNoEmptyLists() {
        MultivaluedHashMap<String, String> config = PolicyTabMirror.toConfig(policy("b.example a.example"));
        assertThat(config.get("blockedDomains")).containsExactly("a.example", "b.example");
        assertThat(config.get("linkLifetimeSeconds")).containsExactly("7200");
        assertThat(config).doesNotContainKeys("allowedDomains", "inviterRole", "inviterUsers", "inviterGroups");
        assertThat(PolicyTabMirror.fromConfig(config)).isEqualTo(policy("a.example b.example"));
        assertThat(PolicyTabMirror.fromConfig(null)).isEqualTo(InvitePolicy.DEFAULTS);
    }

    @Test
    void aStoredCopyInAnotherValueOrderStillShowsThePolicy() {
        InvitePolicy policy = policy("a.example b.example");
        MultivaluedHashMap<String, String> stored = PolicyTabMirror.toConfig(policy);
        stored.put("blockedDomains", new java.util.ArrayList<>(List.of("b.example", "a.example")));
        assertThat(PolicyTabMirror.shows(stored, policy)).isTrue();
        assertThat(PolicyTabMirror.shows(stored, policy("a.example"))).isFalse();
        stored.putSingle("tab", "media-invites");
        assertThat(PolicyTabMirror.shows(stored, policy)).as("extra keys are not a clean copy").isFalse();
        assertThat(PolicyTabMirror.shows(null, policy)).isFalse();
    }
}
