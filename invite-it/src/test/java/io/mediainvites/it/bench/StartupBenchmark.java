package io.mediainvites.it.bench;

import io.mediainvites.harness.DatabaseConfig;
import io.mediainvites.harness.FreePorts;
import io.mediainvites.harness.KeycloakDistribution;
import io.mediainvites.harness.RunningKeycloak;
import io.mediainvites.harness.ServerProfile;
import io.mediainvites.harness.StartOptions;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Database;
import io.mediainvites.it.support.DistributionServer;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.TestSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 14 item 8: start-up time to ready with and without the extension, and heap after a full GC before and after
 * 10,000 invites.
 *
 * <p>Start-up: the same distribution unpacked twice, one with our provider jar and one without (the harness installs
 * providers; the second work directory has none), both built for PostgreSQL with the same options, production mode
 * ({@code start --optimized}), each on its own fresh database. Each is started once unmeasured (Keycloak creates its
 * schema, ours creates our tables), then the two are started alternately, 3 times each, timed from the launch of
 * {@code kc.sh} to the first {@code UP} of {@code /health/ready} (polled every 50 ms), and stopped. No realm import
 * (the demo realm uses our theme and authenticator, which the distribution without the jar does not have). Prints
 * each start, the medians and their ratio (goal ≤ 1.1), with Keycloak's own "started in" figure beside it.
 *
 * <p>Heap: the benchmark's usual server (with the extension and the demo realm); after a full GC ({@code jcmd <pid>
 * GC.run}, twice) the used heap ({@code GC.heap_info}), then 10,000 invites through the batch endpoint (100 per
 * call), the same again; printed with the difference per invite.
 *
 * <p>Run: {@code ./mvnw -B -Pbench -DskipTests verify -Dbench.mode=startup} (optional {@code -Dbench.startupRounds=3},
 * {@code -Dbench.heapInvites=10000}).
 */
final class StartupBenchmark {

    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private StartupBenchmark() {
    }

    static void run() throws Exception {
        if (!TestSettings.DB_POSTGRES.equals(System.getProperty("mi.db"))) {
            System.out.println("start-up benchmark: runs on PostgreSQL (mi.db=" + System.getProperty("mi.db") + " ignored)");
            System.setProperty("mi.db", TestSettings.DB_POSTGRES);
        }
        TestSettings settings = TestSettings.fromSystemProperties();
        int rounds = Integer.getInteger("bench.startupRounds", 3);
        int invites = Integer.getInteger("bench.heapInvites", 10_000);
        StartupResult startup = rounds > 0 ? startup(settings, rounds) : null; // 0: the heap part only
        HeapResult heap = heap(settings, invites);
        System.out.println();
        if (startup != null) {
            System.out.printf("Start-up benchmark (issue 14 item 8): Keycloak %s, PostgreSQL, production mode (start --optimized), "
                    + "no realm import, %d alternating starts each%n", settings.keycloakVersion(), rounds);
            System.out.println(startup.report());
        }
        System.out.println(heap.report());
    }

    // ---------------------------------------------------------------------------------------------- start-up

    private record Start(double readyMillis, double keycloakSeconds) {
    }

    private record StartupResult(List<Start> with, List<Start> without) {
        String report() {
            double w = median(with.stream().map(Start::readyMillis).toList());
            double wo = median(without.stream().map(Start::readyMillis).toList());
            double kw = median(with.stream().map(Start::keycloakSeconds).toList());
            double kwo = median(without.stream().map(Start::keycloakSeconds).toList());
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "  to /health/ready, with the extension:    %s ms%n", list(with)));
            b.append(String.format(Locale.ROOT, "  to /health/ready, without the extension: %s ms%n", list(without)));
            b.append(String.format(Locale.ROOT, "  median with %.0f ms, without %.0f ms, ratio %.2f   (Keycloak's own "
                    + "\"started in\": %.2f s / %.2f s, ratio %.2f)%n", w, wo, w / wo, kw, kwo, kw / kwo));
            b.append(String.format(Locale.ROOT, "Goal: start-up to ready with the extension at most 1.1x without -> %s",
                    w / wo <= 1.1 ? "met" : "NOT met"));
            return b.toString();
        }

        private static String list(List<Start> starts) {
            return String.join(" / ", starts.stream().map(s -> String.format(Locale.ROOT, "%.0f", s.readyMillis())).toList());
        }
    }

    private static StartupResult startup(TestSettings settings, int rounds) throws Exception {
        Path base = settings.workDir().toAbsolutePath().getParent();
        Database dbWith = Database.createFresh(settings.postgresUrl(), settings.postgresUser());
        Thread.sleep(20); // the database name carries the time in milliseconds
        Database dbWithout = Database.createFresh(settings.postgresUrl(), settings.postgresUser());
        try {
            Variant with = new Variant("with", settings, base.resolve("keycloak-bench-startup-with"), dbWith,
                    List.of(settings.bundleJar()));
            Variant without = new Variant("without", settings, base.resolve("keycloak-bench-startup-without"), dbWithout,
                    List.of());
            // first starts create the schemas (Keycloak's, and ours in the one with the extension): not measured
            System.out.printf("first start (fresh schema), not measured: with %.0f ms, without %.0f ms%n",
                    with.start().readyMillis(), without.start().readyMillis());
            List<Start> w = new ArrayList<>();
            List<Start> wo = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Start a = with.start();
                Start b = without.start();
                System.out.printf(Locale.ROOT, "round %d: with %.0f ms (Keycloak: %.2f s), without %.0f ms (Keycloak: %.2f s)%n",
                        i + 1, a.readyMillis(), a.keycloakSeconds(), b.readyMillis(), b.keycloakSeconds());
                w.add(a);
                wo.add(b);
            }
            return new StartupResult(w, wo);
        } finally {
            dbWith.close();
            dbWithout.close();
        }
    }

    /** One unpacked and built distribution, with or without our jar, on its own database. */
    private static final class Variant {
        private final String name;
        private final KeycloakDistribution distribution;
        private final DatabaseConfig db;
        private final String keycloakVersion;

        Variant(String name, TestSettings settings, Path workDir, Database database, List<Path> providers) {
            this.name = name;
            this.keycloakVersion = settings.keycloakVersion();
            this.db = DatabaseConfig.postgres(database.jdbcUrl(), database.user(), "");
            this.distribution = new KeycloakDistribution(settings.distributionZip(), workDir).unpack()
                    .installProviders(providers).stageRealmImports(List.of());
            distribution.build(ServerProfile.buildOptions(db, false, keycloakVersion));
        }

        /** Starts, waits for ready (timed by our own 50 ms poll), stops. */
        Start start() throws Exception {
            int management = FreePorts.pick();
            StartOptions options = StartOptions.onFreeLoopbackPorts(db).withPorts(FreePorts.pick(), management)
                    .withoutRealmImport().withExtraOptions(ServerProfile.startOptions(false, keycloakVersion))
                    .withReadyTimeout(Duration.ofMinutes(6));
            AtomicLong readyAt = new AtomicLong();
            long begin = System.nanoTime();
            Thread poll = new Thread(() -> pollReady("http://127.0.0.1:" + management + "/health/ready", readyAt),
                    "ready-poll-" + name);
            poll.setDaemon(true);
            poll.start();
            RunningKeycloak running = distribution.start(options);
            try {
                poll.join(10_000);
                long ready = readyAt.get() == 0 ? System.nanoTime() : readyAt.get();
                double seconds = Double.NaN;
                Matcher m = STARTED_IN.matcher(Files.readString(running.log(), StandardCharsets.UTF_8));
                if (m.find()) {
                    seconds = Double.parseDouble(m.group(1));
                }
                return new Start((ready - begin) / 1e6, seconds);
            } finally {
                running.close();
                poll.interrupt();
            }
        }
    }

    private static void pollReady(String url, AtomicLong readyAt) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    readyAt.set(System.nanoTime());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- heap

    private record HeapResult(long beforeKb, long afterKb, long laterKb, int invites, String before, String after,
            String growth) {
        String report() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "Heap after a full GC (jcmd GC.run, GC.heap_info), server with the extension:%n"));
            b.append(String.format(Locale.ROOT, "  before %,d invites: %,d KB used   (%s)%n", invites, beforeKb, before));
            b.append(String.format(Locale.ROOT, "  after  %,d invites: %,d KB used   (%s)%n", invites, afterKb, after));
            b.append(String.format(Locale.ROOT, "  60 s later:          %,d KB used%n", laterKb));
            b.append(String.format(Locale.ROOT, "  difference: %+,d KB right after (%+.0f bytes per invite), %+,d KB 60 s later "
                    + "(%+.0f bytes per invite)", afterKb - beforeKb, (afterKb - beforeKb) * 1024.0 / invites,
                    laterKb - beforeKb, (laterKb - beforeKb) * 1024.0 / invites));
            b.append(String.format(Locale.ROOT, "%n  live objects that grew most between before and 60 s later (jcmd GC.class_histogram):%n"));
            b.append(growth);
            return b.toString();
        }
    }

    private static HeapResult heap(TestSettings settings, int invites) throws Exception {
        try (DistributionServer server = DistributionServer.start(settings)) {
            long pid = keycloakJvm(settings.workDir());
            Api api = new Api(server);
            Fixtures fixtures = new Fixtures(server);
            String owner = fixtures.user("heap-owner");
            String mediaId = Fixtures.unique("heap");
            Benchmarks.registerVideo(api, mediaId, "Heap benchmark", owner);
            // a first batch, so that the path's classes are loaded and its caches exist before "before"
            String token = api.passwordToken(owner, owner);
            batch(api, token, mediaId, 0);
            String beforeInfo = heapInfo(pid);
            long before = used(beforeInfo);
            Map<String, long[]> histogramBefore = histogram(jcmd(pid, "GC.class_histogram"));
            long t0 = System.nanoTime();
            for (int i = 0; i < invites / BatchBenchmark.SIZE; i++) {
                if (i % 20 == 0) {
                    token = api.passwordToken(owner, owner);
                }
                batch(api, token, mediaId, i + 1);
            }
            System.out.printf(Locale.ROOT, "issued %,d invites in %.1f s (batches of %d)%n", invites,
                    (System.nanoTime() - t0) / 1e9, BatchBenchmark.SIZE);
            String afterInfo = heapInfo(pid);
            long after = used(afterInfo);
            Thread.sleep(60_000);
            long later = used(heapInfo(pid));
            Map<String, long[]> histogramLater = histogram(jcmd(pid, "GC.class_histogram"));
            return new HeapResult(before, after, later, invites, summary(beforeInfo), summary(afterInfo),
                    growth(histogramBefore, histogramLater));
        }
    }

    private static void batch(Api api, String token, String mediaId, int round) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < BatchBenchmark.SIZE; i++) {
            rows.add(Benchmarks.inviteBody("heap-" + round + "-" + i + "-" + mediaId + "@bench.example"));
        }
        Api.Reply r = api.post("/media/" + mediaId + "/invites/batch", token, Map.of("invites", rows));
        if (r.status() != 200 || r.body().get("created").asInt() != BatchBenchmark.SIZE) {
            throw new IllegalStateException("batch failed: " + r);
        }
    }

    /** The pid of the Keycloak JVM started from {@code workDir} by this process. */
    private static long keycloakJvm(Path workDir) {
        String home = workDir.toAbsolutePath().resolve("keycloak").toString();
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(home)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Keycloak JVM under " + home)).pid();
    }

    /** Two full GCs, then {@code GC.heap_info}. */
    private static String heapInfo(long pid) throws Exception {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        return jcmd(pid, "GC.heap_info");
    }

    private static long used(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        if (!m.find()) {
            throw new IllegalStateException("no used heap in: " + heapInfo);
        }
        return Long.parseLong(m.group(1));
    }

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    /** Class name to {instances, bytes} of a {@code GC.class_histogram} (live objects: it runs a full GC first). */
    private static Map<String, long[]> histogram(String out) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            Matcher m = HISTOGRAM_ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return rows;
    }

    /** The 10 classes whose live bytes grew most, and the total of our own classes ({@code io.mediainvites}). */
    private static String growth(Map<String, long[]> before, Map<String, long[]> after) {
        StringBuilder b = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(10)
                .forEach(e -> b.append(String.format(Locale.ROOT, "    %+,12d bytes %+,9d objects  %s%n", e.getValue()[1],
                        e.getValue()[0], e.getKey())));
        long[] ours = new long[2];
        after.forEach((name, v) -> {
            if (name.contains("io.mediainvites")) {
                long[] was = before.getOrDefault(name, new long[2]);
                ours[0] += v[0] - was[0];
                ours[1] += v[1] - was[1];
            }
        });
        b.append(String.format(Locale.ROOT, "    our classes (io.mediainvites.*): %+,d bytes, %+,d objects", ours[1], ours[0]));
        return b.toString();
    }

    private static String summary(String heapInfo) {
        return heapInfo.lines().filter(l -> l.contains("used")).findFirst().orElse("").trim();
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
