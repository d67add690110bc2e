package io.mediainvites.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerProfileTest {

    @Test
    void cacheGoesToTheBuildFrom265AndToTheStartBefore() {
        DatabaseConfig db = DatabaseConfig.devFile();
        assertThat(ServerProfile.buildOptions(db, false)).contains("--cache=local", "--metrics-enabled=true");
        assertThat(ServerProfile.buildOptions(db, false, "26.7.3")).contains("--cache=local");
        assertThat(ServerProfile.buildOptions(db, false, "26.5.6")).contains("--cache=local");
        assertThat(ServerProfile.startOptions(false, "26.5.6")).isEmpty();
        assertThat(ServerProfile.buildOptions(db, true, "26.4.7")).noneMatch(o -> o.startsWith("--cache"));
        assertThat(ServerProfile.startOptions(true, "26.4.7")).containsExactly("--cache=ispn");
    }
}
