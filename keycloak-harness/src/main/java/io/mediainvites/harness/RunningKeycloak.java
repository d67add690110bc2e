package io.mediainvites.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A started Keycloak. Its whole process group is ended by {@link #close()}, by a JVM shutdown hook,
 * and by a watchdog script that notices when the owning JVM has gone (even after {@code kill -9}).
 */
public final class RunningKeycloak implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunningKeycloak.class.getName());

    private final Process watchdog;
    private final StartOptions options;
    private final Path log;
    private final Thread shutdownHook;

    private RunningKeycloak(Process watchdog, StartOptions options, Path log) {
        this.watchdog = watchdog;
        this.options = options;
        this.log = log;
        this.shutdownHook = new Thread(this::stopQuietly, "keycloak-harness-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static RunningKeycloak start(KeycloakDistribution distribution, StartOptions options) {
        Instant begin = Instant.now();
        Path home = distribution.home();
        Path log = distribution.workDir().resolve("keycloak.log");
        List<String> command = new ArrayList<>(List.of(
                "bash", watchdogScript(distribution.workDir()).toString(),
                Long.toString(ProcessHandle.current().pid()),
                "bash", home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true",
                "--http-host=" + options.host(),
                "--http-port=" + options.httpPort(),
                "--http-management-port=" + options.managementPort(),
                "--hostname-strict=false"));
        if (options.importRealms()) {
            command.add("--import-realm");
        }
        command.addAll(options.database().runtimeOptions());
        command.addAll(options.extraOptions());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUser());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", options.adminPassword());
        env.putAll(options.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak", e);
        }
        RunningKeycloak running = new RunningKeycloak(process, options, log);
        try {
            running.awaitReady(begin);
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        return running;
    }

    private void awaitReady(Instant begin) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(managementUrl() + "/health/ready");
        Instant deadline = begin.plus(options.readyTimeout());
        while (Instant.now().isBefore(deadline)) {
            if (!watchdog.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start-up:\n" + LogTail.of(log, 60));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    LOG.info(() -> "Keycloak ready at " + baseUrl() + " after "
                            + Duration.between(begin, Instant.now()).toMillis() + " ms");
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready after " + options.readyTimeout() + ":\n"
                + LogTail.of(log, 60));
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        return "http://" + options.host() + ":" + options.httpPort();
    }

    public String managementUrl() {
        return "http://" + options.host() + ":" + options.managementPort();
    }

    public StartOptions options() {
        return options;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return watchdog.isAlive();
    }

    /**
     * CPU time used so far by the server's processes (the watchdog, the launcher script and Keycloak's JVM,
     * all of its threads), as the operating system counts it. Benchmarks read it before and after a run to
     * get the server's cost per operation, apart from what the load generator spends.
     */
    public Duration cpuTime() {
        return processes()
                .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * CPU time the JIT compiler threads of the server's processes have used so far (Linux {@code /proc}; zero
     * where that is not readable). A benchmark subtracts it from {@link #cpuTime()} to get the steady-state
     * cost of an operation: Keycloak's compiler keeps working for minutes after start, a cost that a
     * long-running server has already paid.
     */
    public Duration compilerCpuTime() {
        return processes()
                .map(h -> ThreadCpu.ofProcess(h.pid(), ThreadCpu::isCompilerThread))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The pid of Keycloak's JVM (the {@code java} process under the launcher), if it is running. */
    public java.util.OptionalLong javaPid() {
        return processes()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .findFirst();
    }

    /** The watchdog and every process under it (the launcher script, Keycloak's JVM). */
    private Stream<ProcessHandle> processes() {
        ProcessHandle root = watchdog.toHandle();
        return Stream.concat(Stream.of(root), root.descendants());
    }

    /**
     * {@code kill -9} of the server (O4 crash tests): its JVM and launcher get SIGKILL at once, no shutdown hook
     * runs, nothing is flushed; then the watchdog.
     */
    public void killHard() {
        ProcessHandle root = watchdog.toHandle();
        List<ProcessHandle> all = root.descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
        try {
            watchdog.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(h -> h.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(t -> h).join());
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    /** Blocks until the server stops by itself (the run command uses this). */
    public int waitFor() throws InterruptedException {
        return watchdog.waitFor();
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private void stopQuietly() {
        if (!watchdog.isAlive()) {
            return;
        }
        watchdog.destroy(); // SIGTERM: the watchdog ends Keycloak's process group
        try {
            if (!watchdog.waitFor(40, TimeUnit.SECONDS)) {
                watchdog.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watchdog.destroyForcibly();
        }
    }

    private static Path watchdogScript(Path workDir) {
        Path script = workDir.resolve("watchdog.sh");
        try (InputStream in = RunningKeycloak.class.getResourceAsStream("watchdog.sh")) {
            if (in == null) {
                throw new IllegalStateException("watchdog.sh missing from the harness jar");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
