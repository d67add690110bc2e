package io.mediainvites.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExtensionInfoTest {

    @Test
    void versionComesFromTheBuildNotAPlaceholder() {
        ExtensionInfo info = ExtensionInfo.get();
        assertThat(info.name()).isEqualTo("keycloak-media-invites");
        assertThat(info.version()).isNotBlank().doesNotContain("${");
        assertThat(info.operationalInfo()).containsEntry("version", info.version());
    }
}
