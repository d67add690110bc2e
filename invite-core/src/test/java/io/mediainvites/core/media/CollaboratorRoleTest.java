package io.mediainvites.core.media;

import static io.mediainvites.core.testing.RuleAssertions.assertRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CollaboratorRoleTest {

    @ParameterizedTest
    @CsvSource({"OWNER, owner", "CO_OWNER, co-owner", "CO_EDITOR, co-editor", "CO_PUBLISHER, co-publisher"})
    void wire(CollaboratorRole role, String wire) {
        assertThat(role.wire()).isEqualTo(wire);
        assertThat(CollaboratorRole.fromWire(wire)).isSameAs(role);
    }

    @Test
    void fromWireIsCaseInsensitiveAndTrims() {
        assertThat(CollaboratorRole.fromWire(" Co-Editor ")).isSameAs(CollaboratorRole.CO_EDITOR);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "co_owner", "coowner", "viewer", "editor"})
    void unknownIsAnInvalidRequest(String wire) {
        var e = assertRule(() -> CollaboratorRole.fromWire(wire), ErrorCode.INVALID_REQUEST, "role");
        assertThat(e.description()).contains("owner", "co-owner", "co-editor", "co-publisher");
    }

    @Test
    void fourRoles() {
        assertThat(CollaboratorRole.values()).hasSize(4);
    }
}
