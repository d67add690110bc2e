package io.mediainvites.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerRuntimeTest {

    @Test
    void distributionByDefault() {
        assertThat(ServerRuntime.choose(false, false, true)).isEqualTo(ServerRuntime.DISTRIBUTION);
    }

    @Test
    void testcontainersOnlyWhenAskedAndDockerAnswers() {
        assertThat(ServerRuntime.choose(true, false, true)).isEqualTo(ServerRuntime.TESTCONTAINERS);
    }

    @Test
    void fallsBackToTheDistributionWithoutDocker() {
        assertThat(ServerRuntime.choose(true, false, false)).isEqualTo(ServerRuntime.DISTRIBUTION);
    }

    @Test
    void databaseRunsAlwaysUseTheDistribution() {
        assertThat(ServerRuntime.choose(true, true, true)).isEqualTo(ServerRuntime.DISTRIBUTION);
    }
}
