package io.mediainvites.harness;

import java.util.ArrayList;
import java.util.List;

/** The build options every Keycloak of this project is built with; one place for tests and the run command. */
public final class ServerProfile {

    private ServerProfile() {
    }

    /**
     * @param database  the database the server will use
     * @param clustered false for a single node with local caches (tests, local run)
     */
    public static List<String> buildOptions(DatabaseConfig database, boolean clustered) {
        List<String> options = new ArrayList<>(database.buildOptions());
        options.add("--health-enabled=true");
        options.add("--cache=" + (clustered ? "ispn" : "local"));
        return options;
    }
}
