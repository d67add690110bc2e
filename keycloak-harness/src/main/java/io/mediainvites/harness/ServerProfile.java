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
        List<String> options = new ArrayList<>(database.buildOptions());
        options.add("--health-enabled=true");
        // Micrometer meters (Keycloak's and the extension's) on the management port's /metrics (O8)
        options.add("--metrics-enabled=true");
        options.add("--features=" + FEATURES);
        options.add("--cache=" + (clustered ? "ispn" : "local"));
        return options;
    }
}
