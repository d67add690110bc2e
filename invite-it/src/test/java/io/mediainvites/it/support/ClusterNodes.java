package io.mediainvites.it.support;

import io.mediainvites.harness.DatabaseConfig;
import io.mediainvites.harness.FreePorts;
import io.mediainvites.harness.KeycloakDistribution;
import io.mediainvites.harness.LogTail;
import io.mediainvites.harness.RunningKeycloak;
import io.mediainvites.harness.ServerProfile;
import io.mediainvites.harness.StartOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.admin.client.Keycloak;

/**
 * O4 (issue 14 item 1): two Keycloak nodes in production mode ({@code start --optimized}, built once, the second a
 * copy) on one fresh PostgreSQL database, clustered with Infinispan over jdbc-ping on 127.0.0.1, each with its own
 * HTTP, management and JGroups port, a small connection pool, and one shared {@code --hostname} (links and tokens
 * carry the issuer): requests go to either node under that issuer.
 */
public final class ClusterNodes implements AutoCloseable {

    /** Connections per node: fewer than the concurrent POSTs the tests send to one node. */
    public static final int POOL_SIZE = 8;
    /** Interval of our scheduled jobs in the cluster test (seconds). */
    public static final int JOB_INTERVAL_SECONDS = 2;
    /** The test hook armed on node B: addresses of redemptions that halt it ({@code crash-…}). */
    public static final String CRASH_HOOK = "mi-test-crash-after-commit";
    public static final String CRASH_PREFIX = "crash-";

    private final Database database;
    private final Node a;
    private final Node b;
    private final String hostname;

    private ClusterNodes(Database database, Node a, Node b, String hostname) {
        this.database = database;
        this.a = a;
        this.b = b;
        this.hostname = hostname;
    }

    /** One node: its server and the {@link KeycloakServer} view the test support classes use. */
    public static final class Node implements KeycloakServer {
        private final String name;
        private final RunningKeycloak keycloak;
        private final Keycloak admin;
        private final Database database;

        Node(String name, RunningKeycloak keycloak, Database database) {
            this.name = name;
            this.keycloak = keycloak;
            this.database = database;
            this.admin = Keycloak.getInstance(keycloak.baseUrl(), "master", keycloak.options().adminUser(),
                    keycloak.options().adminPassword(), "admin-cli");
        }

        @Override
        public String baseUrl() {
            return keycloak.baseUrl();
        }

        @Override
        public String managementUrl() {
            return keycloak.managementUrl();
        }

        @Override
        public Keycloak admin() {
            return admin;
        }

        @Override
        public String description() {
            return "cluster node " + name + " on postgres " + database.name();
        }

        @Override
        public Database database() {
            return database;
        }

        public RunningKeycloak process() {
            return keycloak;
        }

        /** {@code kill -9} of this node. */
        public void kill() {
            admin.close();
            keycloak.killHard();
        }

        void close() {
            admin.close();
            keycloak.close();
        }
    }

    public static ClusterNodes start(TestSettings settings) {
        Database database = Database.createFresh(settings.postgresUrl(), settings.postgresUser());
        try {
            DatabaseConfig db = DatabaseConfig.postgres(database.jdbcUrl(), database.user(), "");
            KeycloakDistribution first = new KeycloakDistribution(settings.distributionZip(),
                    settings.workDir().resolve("node-a"))
                    .unpack()
                    .installProviders(providers(settings))
                    .stageRealmImports(List.of(settings.realmFile()));
            first.build(ServerProfile.buildOptions(db, true, settings.keycloakVersion()));
            KeycloakDistribution second = first.copyTo(settings.workDir().resolve("node-b"));
            int httpA = FreePorts.pick();
            String hostname = "http://127.0.0.1:" + httpA;
            StartOptions optionsA = StartOptions.onFreeLoopbackPorts(db).withPorts(httpA, FreePorts.pick())
                    .withExtraOptions(nodeOptions(hostname, settings.keycloakVersion()))
                    .withReadyTimeout(Duration.ofMinutes(8));
            List<String> nodeB = new ArrayList<>(nodeOptions(hostname, settings.keycloakVersion()));
            // node B only: the test hook halts it between a counted use and its answer (item 7)
            nodeB.add("--spi-events-listener--" + CRASH_HOOK + "--armed=true");
            StartOptions optionsB = StartOptions.onFreeLoopbackPorts(db).withoutRealmImport()
                    .withExtraOptions(nodeB)
                    .withReadyTimeout(Duration.ofMinutes(8));
            RunningKeycloak runningA = first.start(optionsA);
            RunningKeycloak runningB = second.start(optionsB);
            Node a = new Node("A", runningA, database);
            Node b = new Node("B", runningB, database);
            ClusterNodes cluster = new ClusterNodes(database, a, b, hostname);
            cluster.awaitView(Duration.ofMinutes(2));
            // like the shared test server: media-app on the code-redirect fallback (the demo realm gives it the demo
            // app's initiate-login URI, which nothing serves here)
            KeycloakExtension.withoutInitiateLoginUri(a);
            return cluster;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Our bundle, and the test-only hook jar ({@code invite-test-hooks}, never shipped): its listener
     * {@value #CRASH_HOOK} halts an armed node right after a redemption of a {@code crash-} address commits.
     */
    private static List<Path> providers(TestSettings settings) {
        String hooks = System.getProperty("mi.test.hooks.jar");
        if (hooks == null || hooks.isBlank() || !Files.isRegularFile(Path.of(hooks))) {
            throw new IllegalStateException("the cluster test needs -Dmi.test.hooks.jar (invite-test-hooks jar): " + hooks);
        }
        return List.of(settings.bundleJar(), Path.of(hooks));
    }

    private static List<String> nodeOptions(String hostname, String keycloakVersion) {
        List<String> options = new ArrayList<>(ServerProfile.startOptions(true, keycloakVersion));
        options.add("--hostname=" + hostname);
        // the cluster stack is Keycloak 26's default, jdbc-ping (members found through the shared database)
        options.add("--cache-embedded-network-bind-address=127.0.0.1");
        options.add("--cache-embedded-network-bind-port=" + FreePorts.pick());
        options.add("--db-pool-max-size=" + POOL_SIZE);
        options.add("--db-pool-initial-size=2");
        options.add("--db-pool-min-size=2");
        options.add("--spi-realm-restapi-extension--media-invite--session-reaper-interval-seconds=" + JOB_INTERVAL_SECONDS);
        options.add("--spi-realm-restapi-extension--media-invite--cleanup-interval-seconds=" + JOB_INTERVAL_SECONDS);
        return options;
    }

    /** Waits until both nodes' logs report a cluster view of 2 members. */
    private void awaitView(Duration max) {
        Instant end = Instant.now().plus(max);
        while (Instant.now().isBefore(end)) {
            if (hasViewOfTwo(a.keycloak.log()) && hasViewOfTwo(b.keycloak.log())) {
                return;
            }
            Fixtures.sleep(500);
        }
        throw new IllegalStateException("no cluster view of 2 after " + max + "\nA:\n" + LogTail.of(a.keycloak.log(), 40)
                + "\nB:\n" + LogTail.of(b.keycloak.log(), 40));
    }

    static boolean hasViewOfTwo(Path log) {
        try {
            return Files.readAllLines(log).stream()
                    .anyMatch(line -> line.contains("ISPN000094") && line.contains("(2)"));
        } catch (IOException e) {
            return false;
        }
    }

    public Node a() {
        return a;
    }

    public Node b() {
        return b;
    }

    /** The issuer's base URL both nodes use in links, forms and tokens (node A's address). */
    public String hostname() {
        return hostname;
    }

    /** The same URL sent to {@code node} instead of to the hostname. */
    public String on(Node node, String url) {
        return url.startsWith(hostname) ? node.baseUrl() + url.substring(hostname.length()) : url;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            try {
                a.close();
            } finally {
                database.close();
            }
        }
    }
}
