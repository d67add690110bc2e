package io.mediainvites.harness;

import java.util.ArrayList;
import java.util.List;

/** The build options every Keycloak of this project is built with; one place for tests and the run command. */
public final class ServerProfile {

    /**
     * Keycloak features the extension needs: {@code declarative-ui} (experimental in 26.7) enables the admin UI
     * extension SPI that shows the "Media invites" tab in the realm settings.
     */
    public static final String FEATURES = "declarative-ui";

    private ServerProfile() {
    }

    /**
     * @param database  the database the server will use
     * @param clustered false for a single node with local caches (tests, local run)
     */
    public static List<String> buildOptions(DatabaseConfig database, boolean clustered) {
        return buildOptions(database, clustered, null);
    }

    /**
     * @param keycloakVersion the distribution's version (e.g. {@code 26.4.7}); null for the main one
     */
    public static List<String> buildOptions(DatabaseConfig database, boolean clustered, String keycloakVersion) {
        List<String> options = new ArrayList<>(database.buildOptions());
        options.add("--health-enabled=true");
        // Micrometer meters (Keycloak's and the extension's) on the management port's /metrics (O8)
        options.add("--metrics-enabled=true");
        options.add("--features=" + FEATURES);
        if (cacheIsBuildOption(keycloakVersion)) {
            options.add(cacheOption(clustered));
        }
        return options;
    }

    /** Options of {@code kc.sh start} that belong to this version's start rather than its build. */
    public static List<String> startOptions(boolean clustered, String keycloakVersion) {
        return cacheIsBuildOption(keycloakVersion) ? List.of() : List.of(cacheOption(clustered));
    }

    /** Compatibility seam (O12): {@code --cache} is a build option from 26.5 on, a runtime option in 26.4. */
    static boolean cacheIsBuildOption(String keycloakVersion) {
        if (keycloakVersion == null) {
            return true;
        }
        String[] parts = keycloakVersion.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 26 || (major == 26 && minor >= 5);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String cacheOption(boolean clustered) {
        return "--cache=" + (clustered ? "ispn" : "local");
    }
}
