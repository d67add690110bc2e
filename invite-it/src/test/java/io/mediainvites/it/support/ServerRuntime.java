package io.mediainvites.it.support;

/** Which way a run gets its Keycloak: Testcontainers only when asked for and a Docker engine answers. */
enum ServerRuntime {
    DISTRIBUTION,
    TESTCONTAINERS;

    static ServerRuntime choose(boolean testcontainersRequested, boolean postgres, boolean dockerAvailable) {
        // The container path has no PostgreSQL wiring: database runs always use the distribution.
        if (testcontainersRequested && !postgres && dockerAvailable) {
            return TESTCONTAINERS;
        }
        return DISTRIBUTION;
    }
}
