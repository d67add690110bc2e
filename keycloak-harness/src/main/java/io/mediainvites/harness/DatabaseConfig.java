package io.mediainvites.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The database a Keycloak runs on: the embedded H2 file database ({@code dev-file}) or an external one.
 *
 * @param kind     Keycloak's {@code db} build option
 * @param url      JDBC URL, {@code null} for {@code dev-file}
 * @param username database user, {@code null} for {@code dev-file}
 * @param password database password, may be empty
 */
public record DatabaseConfig(String kind, String url, String username, String password) {

    public static final String DEV_FILE = "dev-file";

    public DatabaseConfig {
        Objects.requireNonNull(kind, "kind");
    }

    public static DatabaseConfig devFile() {
        return new DatabaseConfig(DEV_FILE, null, null, null);
    }

    public static DatabaseConfig postgres(String url, String username, String password) {
        return new DatabaseConfig("postgres", url, username, password);
    }

    public boolean embedded() {
        return DEV_FILE.equals(kind);
    }

    /** Options fixed at {@code kc.sh build} time. */
    List<String> buildOptions() {
        return List.of("--db=" + kind);
    }

    /** Options given at every start. */
    List<String> runtimeOptions() {
        List<String> options = new ArrayList<>();
        if (url != null) {
            options.add("--db-url=" + url);
        }
        if (username != null) {
            options.add("--db-username=" + username);
        }
        if (password != null && !password.isEmpty()) {
            options.add("--db-password=" + password);
        }
        return options;
    }
}
