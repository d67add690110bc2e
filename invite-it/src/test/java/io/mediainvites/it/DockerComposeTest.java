package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml must name the Keycloak we test on and the bundle jar the build really produces. */
class DockerComposeTest {

    private static final Pattern IMAGE = Pattern.compile("image:\\s*quay\\.io/keycloak/keycloak:(\\S+)");
    private static final Pattern PROVIDER_MOUNT =
            Pattern.compile("-\\s*\\./invite-bundle/target/([^:]+):/opt/keycloak/providers/([^:]+):ro");

    private final Path projectDir = Path.of(System.getProperty("mi.project.dir"));

    @Test
    void namesTheTestedKeycloakVersionEverywhere() throws Exception {
        String compose = Files.readString(projectDir.resolve("docker-compose.yml"));
        List<String> versions = IMAGE.matcher(compose).results().map(m -> m.group(1)).toList();
        assertThat(versions).isNotEmpty().allMatch(v -> v.equals(System.getProperty("mi.keycloak.version")));
    }

    @Test
    void mountsTheBundleJarUnderItsRealFileName() throws Exception {
        String compose = Files.readString(projectDir.resolve("docker-compose.yml"));
        Matcher mount = PROVIDER_MOUNT.matcher(compose);
        assertThat(mount.find()).as("a providers/ mount of the bundle jar").isTrue();
        String expected = System.getProperty("mi.bundle.file.name");
        assertThat(mount.group(1)).isEqualTo(expected);
        assertThat(mount.group(2)).isEqualTo(expected);
        assertThat(projectDir.resolve("invite-bundle/target").resolve(expected)).isRegularFile();
    }

    @Test
    void importsTheSameDemoRealmFile() throws Exception {
        String compose = Files.readString(projectDir.resolve("docker-compose.yml"));
        assertThat(compose).contains("./realm-export.json:/opt/keycloak/data/import/realm-export.json");
    }
}
