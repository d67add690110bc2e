package io.mediainvites.demo;

import io.mediainvites.harness.LocalKeycloak;
import io.mediainvites.harness.RunningKeycloak;

/**
 * The README's run command ({@code ./mvnw -Prun -DskipTests package}): the local Keycloak with the demo realm
 * (see {@link LocalKeycloak}), then the demo media app on http://localhost:3000, both stopped by Ctrl+C.
 */
public final class DemoRun {

    private DemoRun() {
    }

    public static void main(String[] args) throws Exception {
        try (RunningKeycloak keycloak = LocalKeycloak.start();
                DemoMediaApp app = DemoMediaApp.start(DemoConfig.fromSystemProperties(keycloak.baseUrl()))) {
            LocalKeycloak.printInfo(keycloak);
            DemoMediaApp.printInfo(app);
            System.out.println("Press Ctrl+C to stop.");
            int exit = keycloak.waitFor();
            System.out.println("Keycloak stopped (exit " + exit + "), log: " + keycloak.log());
        }
    }
}
