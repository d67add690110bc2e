package io.mediainvites.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog must end the whole process group of what it started when its owner dies, even by kill -9. */
class WatchdogTest {

    @TempDir
    Path dir;

    @Test
    void killsTheChildGroupWhenTheOwnerIsKilled() throws Exception {
        Path script = copyScript();
        Path pidFile = dir.resolve("grandchild.pid");
        Process owner = new ProcessBuilder("sleep", "300").start();
        // the child starts a grandchild in the same group, as kc.sh starts java
        Process watchdog = new ProcessBuilder("bash", script.toString(), Long.toString(owner.pid()),
                "bash", "-c", "sleep 300 & echo $! > " + pidFile + "; wait").start();
        long grandchild = awaitPid(pidFile);
        assertThat(ProcessHandle.of(grandchild)).map(ProcessHandle::isAlive).contains(true);

        owner.destroyForcibly(); // kill -9 of the owner, as when a test JVM is killed
        owner.waitFor();

        assertThat(watchdog.waitFor(20, TimeUnit.SECONDS)).as("watchdog ended").isTrue();
        assertThat(awaitDeath(grandchild, Duration.ofSeconds(20))).as("grandchild ended").isTrue();
    }

    @Test
    void stopsTheChildGroupOnTerm() throws Exception {
        Path script = copyScript();
        Path pidFile = dir.resolve("grandchild.pid");
        Process watchdog = new ProcessBuilder("bash", script.toString(), Long.toString(ProcessHandle.current().pid()),
                "bash", "-c", "sleep 300 & echo $! > " + pidFile + "; wait").start();
        long grandchild = awaitPid(pidFile);

        watchdog.destroy(); // SIGTERM, what RunningKeycloak.close() sends

        assertThat(watchdog.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitDeath(grandchild, Duration.ofSeconds(20))).isTrue();
    }

    private Path copyScript() throws Exception {
        Path script = dir.resolve("watchdog.sh");
        try (InputStream in = RunningKeycloak.class.getResourceAsStream("watchdog.sh")) {
            Files.copy(in, script);
        }
        return script;
    }

    private static long awaitPid(Path pidFile) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(pidFile)) {
                List<String> lines = Files.readAllLines(pidFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Long.parseLong(lines.get(0).trim());
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("grandchild never started");
    }

    private static boolean awaitDeath(long pid, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
