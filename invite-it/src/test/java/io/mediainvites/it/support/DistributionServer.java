package io.mediainvites.it.support;

import io.mediainvites.harness.DatabaseConfig;
import io.mediainvites.harness.KeycloakDistribution;
import io.mediainvites.harness.RunningKeycloak;
import io.mediainvites.harness.ServerProfile;
import io.mediainvites.harness.StartOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.keycloak.admin.client.Keycloak;

/** Keycloak from the distribution zip, with the bundle jar installed, on free loopback ports. */
public final class DistributionServer implements KeycloakServer, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DistributionServer.class.getName());

    /** Lifetime of mailed confirmation codes on the test server. */
    public static final int CODE_LIFETIME_SECONDS = 20;
    /** Interval of the cleanup job in the test servers (production default 3600). */
    public static final int CLEANUP_INTERVAL_SECONDS = 3;

    /** First back-off delay of a failed webhook delivery on the test server (doubling from there). */
    public static final int WEBHOOK_FIRST_RETRY_MILLIS = 500;

    private volatile RunningKeycloak keycloak;
    private final KeycloakDistribution distribution;
    private final Keycloak admin;
    private final Database database;
    private final String keycloakVersion;

    private DistributionServer(RunningKeycloak keycloak, KeycloakDistribution distribution, Database database,
            String keycloakVersion) {
        this.keycloak = keycloak;
        this.keycloakVersion = keycloakVersion;
        this.distribution = distribution;
        this.database = database;
        this.admin = Keycloak.getInstance(keycloak.baseUrl(), "master",
                keycloak.options().adminUser(), keycloak.options().adminPassword(), "admin-cli");
    }

    public static DistributionServer start(TestSettings settings) {
        return start(settings, false, db -> { });
    }

    /**
     * For benchmarks: production mode as a deployment runs it ({@code start --optimized}, one fixed
     * {@code --hostname} as {@link ClusterNodes} uses), with the production defaults of our jobs (none of the
     * test server's short intervals). {@code prepare} runs on the fresh PostgreSQL database before Keycloak
     * connects to it (e.g. per-database settings, which take effect at connection start).
     */
    public static DistributionServer startForBenchmark(TestSettings settings, Consumer<Database> prepare) {
        return start(settings, true, prepare);
    }

    private static DistributionServer start(TestSettings settings, boolean benchmark, Consumer<Database> prepare) {
        Instant begin = Instant.now();
        Database database = settings.postgres()
                ? Database.createFresh(settings.postgresUrl(), settings.postgresUser())
                : null;
        try {
            if (database != null) {
                prepare.accept(database);
            }
            DatabaseConfig db = database == null
                    ? DatabaseConfig.devFile()
                    : DatabaseConfig.postgres(database.jdbcUrl(), database.user(), "");
            KeycloakDistribution distribution = new KeycloakDistribution(settings.distributionZip(), settings.workDir())
                    .unpack()
                    .installProviders(List.of(settings.bundleJar()))
                    .stageRealmImports(List.of(settings.realmFile()))
                    .wipeEmbeddedDatabase();
            Instant built = Instant.now();
            boolean rebuilt = distribution.build(ServerProfile.buildOptions(db, false, settings.keycloakVersion()));
            Instant starting = Instant.now();
            List<String> startOptions = new ArrayList<>(ServerProfile.startOptions(false, settings.keycloakVersion()));
            StartOptions base = StartOptions.onFreeLoopbackPorts(db);
            if (benchmark) {
                startOptions.add("--hostname=" + "http://" + base.host() + ":" + base.httpPort());
                StartOptions benchmarkOptions = base.withExtraOptions(startOptions).withReadyTimeout(Duration.ofMinutes(6));
                if (!System.getProperty("bench.jfr", "").isBlank()) {
                    // a flight recording's stacks deep enough to reach the request's resource method
                    benchmarkOptions = benchmarkOptions.withEnvironment(
                            java.util.Map.of("JAVA_OPTS_APPEND", "-XX:FlightRecorderOptions=stackdepth=1024"));
                }
                RunningKeycloak running = distribution.start(benchmarkOptions);
                LOG.info(() -> String.format("benchmark server (production mode, --hostname) ready after %d ms",
                        Duration.between(begin, Instant.now()).toMillis()));
                return new DistributionServer(running, distribution, database, settings.keycloakVersion());
            }
            // short enough for a test to wait out a mailed confirmation code
            startOptions.add("--spi-realm-restapi-extension--media-invite--code-lifetime-seconds=" + CODE_LIFETIME_SECONDS);
            // webhooks to the test's receiver on loopback, delivered and retried quickly
            startOptions.add("--spi-realm-restapi-extension--media-invites--webhook-allow-http-loopback=true");
            startOptions.add("--spi-realm-restapi-extension--media-invites--webhook-interval-seconds=1");
            startOptions.add("--spi-realm-restapi-extension--media-invites--webhook-first-retry-millis=" + WEBHOOK_FIRST_RETRY_MILLIS);
            // the cleanup (retentionDays) every few seconds, so that a test with retention 0 sees it run
            startOptions.add("--spi-realm-restapi-extension--media-invite--cleanup-interval-seconds=" + CLEANUP_INTERVAL_SECONDS);
            // a fresh PostgreSQL schema and the realm import take minutes on a loaded machine
            RunningKeycloak running = distribution.start(base.withExtraOptions(startOptions)
                    .withReadyTimeout(Duration.ofMinutes(6)));
            Instant ready = Instant.now();
            LOG.info(() -> String.format("harness cost: unpack+install %d ms, kc.sh build %s %d ms, start %d ms",
                    Duration.between(begin, built).toMillis(), rebuilt ? "ran" : "skipped",
                    Duration.between(built, starting).toMillis(), Duration.between(starting, ready).toMillis()));
            return new DistributionServer(running, distribution, database, settings.keycloakVersion());
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    /**
     * Crashes the server ({@code kill -9}) and starts it again on the same ports, database and options: what a
     * node that died and was restarted looks like. Later tests of the execution use the restarted server.
     */
    @Override
    public java.util.Optional<String> exportRealmWithUsers(String realm) {
        if (database == null) {
            return java.util.Optional.empty(); // the running server holds the H2 file
        }
        java.nio.file.Path file = distribution.workDir().resolve("export-" + realm + ".json");
        distribution.exportRealm(realm, file, keycloak.options(), ServerProfile.startOptions(false, keycloakVersion));
        try {
            return java.util.Optional.of(java.nio.file.Files.readString(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void killAndRestart() {
        keycloak.killHard();
        keycloak = distribution.start(keycloak.options());
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
        return "distribution on " + (database == null ? "dev-file" : "postgres " + database.name());
    }

    /** CPU time the server's processes have used so far (for benchmarks). */
    public Duration serverCpuTime() {
        return keycloak.cpuTime();
    }

    /** The pid of the server's JVM, if it is running (for {@code jcmd}). */
    public java.util.OptionalLong serverJavaPid() {
        return keycloak.javaPid();
    }

    /** CPU time the server's JIT compiler threads have used so far (Linux; zero elsewhere). */
    public Duration serverCompilerCpuTime() {
        return keycloak.compilerCpuTime();
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public void close() {
        admin.close();
        keycloak.close();
        if (database != null) {
            database.close();
        }
    }
}
