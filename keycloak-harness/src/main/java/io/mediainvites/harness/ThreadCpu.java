package io.mediainvites.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** CPU time of a process's threads, by thread name, read from Linux's {@code /proc/<pid>/task/<tid>/stat}. */
final class ThreadCpu {

    /** Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on the platforms we run on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ThreadCpu() {
    }

    /** HotSpot's JIT compiler threads ("C1 CompilerThread0", "C2 CompilerThread1") and its code sweeper. */
    static boolean isCompilerThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") || name.startsWith("Sweeper thread");
    }

    /** User + system time of the live threads of {@code pid} whose name matches; zero when unreadable. */
    static Duration ofProcess(long pid, Predicate<String> threadName) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return Duration.ZERO;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            long ticks = threads.mapToLong(t -> ticks(t.resolve("stat"), threadName)).sum();
            return Duration.ofNanos(ticks * NANOS_PER_TICK);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Duration.ZERO; // the process ended meanwhile
        }
    }

    /** Ticks of one thread from its stat line, or 0 when its name does not match or it has gone. */
    static long ticks(Path stat, Predicate<String> threadName) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0; // the thread ended meanwhile
        }
        return ticksOf(line, threadName);
    }

    /** Parses "tid (name) state ppid ... utime stime ...": fields 14 and 15, counted after the name. */
    static long ticksOf(String statLine, Predicate<String> threadName) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open || !threadName.test(statLine.substring(open + 1, close))) {
            return 0;
        }
        String[] fields = statLine.substring(close + 2).trim().split(" +");
        // fields[0] is the state (field 3), so utime (field 14) is fields[11] and stime (15) fields[12]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
