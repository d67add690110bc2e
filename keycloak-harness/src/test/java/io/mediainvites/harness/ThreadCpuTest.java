package io.mediainvites.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void readsUserAndSystemTicksOfAMatchingThread() {
        String line = "4711 (C2 CompilerThre) S 1 4711 4711 0 -1 4194368 9 0 0 0 250 17 0 0 20 0 12 0 100 0 0";
        assertThat(ThreadCpu.ticksOf(line, ThreadCpu::isCompilerThread)).isEqualTo(267);
        assertThat(ThreadCpu.ticksOf(line, name -> name.startsWith("executor"))).isZero();
    }

    @Test
    void aThreadNameWithSpacesAndParenthesesIsReadWhole() {
        String line = "12 (odd ) name) R 1 1 1 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 1 0 0";
        assertThat(ThreadCpu.ticksOf(line, "odd ) name"::equals)).isEqualTo(7);
    }

    @Test
    void knowsHotSpotsCompilerThreads() {
        assertThat(ThreadCpu.isCompilerThread("C1 CompilerThre")).isTrue();
        assertThat(ThreadCpu.isCompilerThread("C2 CompilerThre")).isTrue();
        assertThat(ThreadCpu.isCompilerThread("Sweeper thread")).isTrue();
        assertThat(ThreadCpu.isCompilerThread("executor-thread-1")).isFalse();
        assertThat(ThreadCpu.isCompilerThread("GC Thread#0")).isFalse();
    }

    @Test
    void measuresThisProcessWhileItWorks() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");
        long pid = ProcessHandle.current().pid();
        Duration before = ThreadCpu.ofProcess(pid, name -> true);
        // work until this thread has used 200 ms of CPU by the JVM's own count (however loaded the machine is)
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuUntil = threads.getCurrentThreadCpuTime() + 200_000_000L;
        long wallLimit = System.nanoTime() + 30_000_000_000L;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < cpuUntil && System.nanoTime() < wallLimit) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        assertThat(x).isNotNegative();
        assertThat(ThreadCpu.ofProcess(pid, name -> true).minus(before)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(ThreadCpu.ofProcess(pid, name -> false)).isZero();
        assertThat(ThreadCpu.ofProcess(Long.MAX_VALUE, name -> true)).isZero();
    }
}
