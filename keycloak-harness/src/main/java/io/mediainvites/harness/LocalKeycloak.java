package io.mediainvites.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * The README's run command: the demo realm in a local Keycloak on http://localhost:8080 with the
 * embedded H2 database, kept between runs under {@code target/local-keycloak}.
 *
 * <p>System properties (set by the {@code run} Maven profile): {@code mi.dist.zip}, {@code mi.bundle.jar},
 * {@code mi.realm.file}, {@code mi.work.dir}; optional {@code mi.http.port} (8080) and
 * {@code mi.management.port} (9000).
 */
public final class LocalKeycloak {

    private LocalKeycloak() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (RunningKeycloak keycloak = start()) {
            printInfo(keycloak);
            System.out.println("Press Ctrl+C to stop.");
            int exit = keycloak.waitFor();
            System.out.println("Keycloak stopped (exit " + exit + "), log: " + keycloak.log());
        }
    }

    /** Unpacks, builds and starts Keycloak as the system properties say; returns once it is ready. */
    public static RunningKeycloak start() {
        Path zip = Path.of(required("mi.dist.zip"));
        Path bundle = Path.of(required("mi.bundle.jar"));
        Path realm = Path.of(required("mi.realm.file"));
        Path work = Path.of(required("mi.work.dir"));
        int httpPort = Integer.getInteger("mi.http.port", 8080);
        int managementPort = Integer.getInteger("mi.management.port", 9000);

        DatabaseConfig database = DatabaseConfig.devFile();
        KeycloakDistribution distribution = new KeycloakDistribution(zip, work)
                .unpack()
                .installProviders(List.of(bundle))
                .stageRealmImports(List.of(realm));
        System.out.println("Building Keycloak with the extension (kc.sh build)...");
        distribution.build(ServerProfile.buildOptions(database, false));
        System.out.println("Starting Keycloak, log: " + work.resolve("keycloak.log"));
        StartOptions options = StartOptions.onFreeLoopbackPorts(database)
                .withPorts(httpPort, managementPort)
                .withHost("localhost");
        return distribution.start(options);
    }

    /** The URLs and demo accounts of a running local Keycloak. */
    public static void printInfo(RunningKeycloak keycloak) {
        System.out.println();
        System.out.println("Keycloak with Keycloak Media Invites is running.");
        System.out.println("  Admin console:   " + keycloak.baseUrl() + "/admin/  (admin / admin)");
        System.out.println("  Demo realm:      " + keycloak.baseUrl() + "/admin/master/console/#/media");
        System.out.println("  Media owner:     " + keycloak.baseUrl()
                + "/realms/media/account  (owner@example.com / owner)");
        System.out.println("  Realm admin:     media-admin@example.com / media-admin");
        System.out.println("  Media API:       " + keycloak.baseUrl() + "/realms/media/media-invites");
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing system property " + name);
        }
        return value;
    }
}
