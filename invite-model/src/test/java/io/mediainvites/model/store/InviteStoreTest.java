package io.mediainvites.model.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InviteStoreTest {

    @Test
    void likeWildcardsInAPrefixAreLiteral() {
        assertThat(InviteStore.likePrefix("ina")).isEqualTo("ina%");
        assertThat(InviteStore.likePrefix("a_b%c!d")).isEqualTo("a!_b!%c!!d%");
    }
}
