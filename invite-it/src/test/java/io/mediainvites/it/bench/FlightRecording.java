package io.mediainvites.it.bench;

import io.mediainvites.it.support.DistributionServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java Flight Recording of the benchmark server's measured part, for finding where an operation's CPU goes
 * ({@code -Dbench.jfr=/tmp/goals.jfr}; off by default). Started and stopped with {@code jcmd} on Keycloak's JVM, so
 * start-up and warm-up stay out of it. Read it with {@code jfr print --events jdk.ExecutionSample}.
 */
final class FlightRecording implements AutoCloseable {

    private static final String NAME = "mi-bench";

    private final long pid;
    private final String file;

    private FlightRecording(long pid, String file) {
        this.pid = pid;
        this.file = file;
    }

    /** Starts a recording when {@code bench.jfr} names a file; null otherwise. */
    static FlightRecording startIfAsked(DistributionServer server) throws IOException, InterruptedException {
        String file = System.getProperty("bench.jfr", "");
        if (file.isBlank()) {
            return null;
        }
        long pid = server.serverJavaPid().orElseThrow(() -> new IllegalStateException("no Keycloak JVM found"));
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=" + System.getProperty("bench.jfrSettings", "profile"));
        System.out.println("flight recording of the measured slices started (pid " + pid + ")");
        return new FlightRecording(pid, file);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file);
        System.out.println("flight recording written to " + file);
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + out);
        }
    }
}
