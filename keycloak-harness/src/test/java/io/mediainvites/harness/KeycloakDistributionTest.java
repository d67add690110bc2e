package io.mediainvites.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakDistributionTest {

    @TempDir
    Path dir;

    @Test
    void unchangedProviderJarKeepsItsTimestampSoAnOptimizedStartIsNotRefused() throws Exception {
        Path jar = dir.resolve("ext.jar");
        Files.writeString(jar, "v1");
        KeycloakDistribution dist = new KeycloakDistribution(dir.resolve("none.zip"), dir.resolve("work"));
        dist.installProviders(List.of(jar));
        Path installed = dist.home().resolve("providers/ext.jar");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(installed, old);

        dist.installProviders(List.of(jar));
        assertThat(Files.getLastModifiedTime(installed)).isEqualTo(old);

        Files.writeString(jar, "v2");
        dist.installProviders(List.of(jar));
        assertThat(Files.readString(installed)).isEqualTo("v2");
    }

    @Test
    void providersNotAskedForAreRemoved() throws Exception {
        Path a = dir.resolve("a.jar");
        Path b = dir.resolve("b.jar");
        Files.writeString(a, "a");
        Files.writeString(b, "b");
        KeycloakDistribution dist = new KeycloakDistribution(dir.resolve("none.zip"), dir.resolve("work"));
        dist.installProviders(List.of(a, b));
        dist.installProviders(List.of(b));
        assertThat(dist.home().resolve("providers/a.jar")).doesNotExist();
        assertThat(dist.home().resolve("providers/b.jar")).exists();
    }
}
