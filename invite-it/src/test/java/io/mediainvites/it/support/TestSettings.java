package io.mediainvites.it.support;

import java.nio.file.Path;

/** What the build hands the integration tests (failsafe system properties), read in one place. */
public record TestSettings(
        Path distributionZip,
        Path bundleJar,
        Path realmFile,
        Path projectDir,
        Path workDir,
        String keycloakVersion,
        String projectVersion,
        String bundleFileName,
        String database,
        String runtime,
        String postgresUrl,
        String postgresUser) {

    public static final String RUNTIME_TESTCONTAINERS = "testcontainers";
    public static final String DB_POSTGRES = "postgres";

    public static TestSettings fromSystemProperties() {
        return new TestSettings(
                Path.of(required("mi.dist.zip")),
                Path.of(required("mi.bundle.jar")),
                Path.of(required("mi.realm.file")),
                Path.of(required("mi.project.dir")),
                Path.of(required("mi.work.dir")),
                required("mi.keycloak.version"),
                required("mi.project.version"),
                required("mi.bundle.file.name"),
                System.getProperty("mi.db", "dev-file"),
                System.getProperty("mi.kc.runtime", "distribution"),
                System.getProperty("mi.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                System.getProperty("mi.postgres.user", "postgres"));
    }

    public boolean postgres() {
        return DB_POSTGRES.equals(database);
    }

    public boolean testcontainersRequested() {
        return RUNTIME_TESTCONTAINERS.equals(runtime);
    }

    /** Whether the Keycloak under test ({@code mi.keycloak.version}) is at least {@code major.minor}. */
    public static boolean keycloakAtLeast(int major, int minor) {
        String[] parts = required("mi.keycloak.version").split("\\.");
        int ma = Integer.parseInt(parts[0]);
        int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return ma > major || (ma == major && mi >= minor);
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + name
                    + " is not set: run the integration tests through Maven (./mvnw verify)");
        }
        return value;
    }
}
