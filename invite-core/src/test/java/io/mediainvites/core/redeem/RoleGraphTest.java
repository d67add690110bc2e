package io.mediainvites.core.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RoleGraphTest {

    /** name -> roles it includes; "mgmt:*" are the targets. */
    private static final Map<String, List<String>> COMPOSITES = Map.of(
            "default-roles", List.of("offline_access", "account:manage-account"),
            "account:manage-account", List.of("account:manage-account-links"),
            "admin", List.of("mgmt:realm-admin"),
            "mgmt:realm-admin", List.of("mgmt:view-users", "mgmt:manage-users"),
            "super", List.of("admin"),
            "loop-a", List.of("loop-b"),
            "loop-b", List.of("loop-a", "offline_access"));

    private final List<String> expanded = new ArrayList<>();

    private boolean privileged(String... granted) {
        return RoleGraph.reaches(Stream.of(granted), role -> {
            expanded.add(role);
            return COMPOSITES.getOrDefault(role, List.of()).stream();
        }, role -> role, role -> role.startsWith("mgmt:"));
    }

    @Test
    void aDirectTargetRoleCounts() {
        assertThat(privileged("offline_access", "mgmt:view-users")).isTrue();
    }

    @Test
    void aTargetRoleReachedThroughCompositesCounts() {
        assertThat(privileged("default-roles", "super")).isTrue();
    }

    @Test
    void ordinaryRolesDoNotCount() {
        assertThat(privileged("default-roles", "offline_access")).isFalse();
        assertThat(privileged()).isFalse();
    }

    @Test
    void cyclesEndAndEachRoleIsExpandedOnce() {
        assertThat(privileged("loop-a", "loop-b", "default-roles", "offline_access")).isFalse();
        assertThat(expanded).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("loop-a", "loop-b", "offline_access", "default-roles",
                        "account:manage-account", "account:manage-account-links");
    }

    @Test
    void grantedRolesAreReadOnlyUntilTheFirstHit() {
        List<String> read = new ArrayList<>();
        boolean hit = RoleGraph.reaches(Stream.of("mgmt:view-users", "later").peek(read::add),
                role -> Stream.empty(), role -> role, role -> role.startsWith("mgmt:"));
        assertThat(hit).isTrue();
        assertThat(read).containsExactly("mgmt:view-users");
    }
}
