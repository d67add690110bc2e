package io.mediainvites.it.bench;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.DistributionServer;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakExtension;
import io.mediainvites.it.support.TestSettings;
import io.mediainvites.it.support.WebSession;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Issue 14 item 4, in one run on one server (production mode, {@code start --optimized} with a fixed
 * {@code --hostname}; PostgreSQL with {@code -Dbench.db=postgres}):
 * <ol>
 *   <li>right after start, on the fresh database (our tables never analyzed, autovacuum off on them), the
 *       statements, rows read and written and sequential scans of our tables per issuance, redemption, password
 *       login and refresh;</li>
 *   <li>Keycloak's own sign-in floor ({@link FloorRealm}: a password login of a new user with one hash iteration),
 *       counted the same way;</li>
 *   <li>warm-up rounds of every operation (Keycloak's JIT compiler works for minutes);</li>
 *   <li>alternating slices of full redemption, password login, refresh-token grant, client-credentials grant,
 *       issuance and admin create-user, each with throughput, Keycloak's CPU (without its JIT compiler threads)
 *       and PostgreSQL's CPU per operation and statements per operation;</li>
 *   <li>the goals' ratios with met / not met, flatness as last slice against first;</li>
 *   <li>after {@code ANALYZE}: the counts of issuance and redemption again.</li>
 * </ol>
 * Options: {@code -Dbench.threads} (client threads, default 8), {@code -Dbench.slice} (operations of each kind
 * per slice, 200: one slice's PostgreSQL CPU is read in 10 ms clock ticks), {@code -Dbench.slices} (5), {@code -Dbench.warmupRounds} (8), {@code -Dbench.warmupPerRound}
 * (100), {@code -Dbench.counted} (operations per counting slice, 40), {@code -Dbench.pgLog} (the server log).
 */
final class GoalsBenchmark {

    private static final int SLICE = Integer.getInteger("bench.slice", 200);
    private static final int SLICES = Integer.getInteger("bench.slices", 5);
    private static final int WARM_UP_ROUNDS = intOr("bench.warmupRounds", 8);
    private static final int WARM_UP_PER_ROUND = Integer.getInteger("bench.warmupPerRound", 100);
    private static final int COUNTED = Integer.getInteger("bench.counted", 40);
    private static final String FLOOR = "Keycloak sign-in floor";

    private GoalsBenchmark() {
    }

    private static int intOr(String name, int fallback) {
        String v = System.getProperty(name);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** One kind of operation. */
    private record Op(String name, Runnable body) {
    }

    static void run(TestSettings settings, int threads) throws Exception {
        try (DistributionServer server = DistributionServer.startForBenchmark(settings, PgProbe::enableStatementLog);
                PgProbe probe = server.database() == null ? null : PgProbe.open(server.database())) {
            System.out.println();
            System.out.printf("Goals benchmark (issue 14): Keycloak %s, %s, production mode (start --optimized, "
                    + "--hostname), %d client threads%n", settings.keycloakVersion(), server.description(), threads);
            if (probe != null) {
                List<String> ours = probe.disableAutovacuumOnOurTables();
                System.out.println("autovacuum (and auto-analyze) disabled on our tables: " + String.join(", ", ours));
                System.out.println("statement log " + PgProbe.DEFAULT_LOG + (probe.statementLogReadable()
                        ? " readable: statements counted from log_statement='all' of this database only"
                        : " NOT readable: no statement counts"));
            }
            // as the shared test server: media-app on the code-redirect fallback (the demo realm's initiate-login
            // URI points at the demo app, which the benchmark does not run)
            KeycloakExtension.withoutInitiateLoginUri(server);
            Api api = new Api(server);
            Fixtures fixtures = new Fixtures(server);
            String owner = fixtures.user("bench-owner");
            String loginUser = fixtures.user("bench-login");
            String mediaId = Fixtures.unique("bench");
            Benchmarks.registerVideo(api, mediaId, "Benchmark", owner);
            Supplier<String> ownerToken = new CachedToken(() -> api.passwordToken(owner, owner));
            String realmUrl = server.realmUrl("media");
            HttpClient shared = WebSession.newClient();
            ConcurrentLinkedQueue<String> links = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> refreshTokens = new ConcurrentLinkedQueue<>();
            AtomicInteger seq = new AtomicInteger();

            Op issue = new Op("issuance", () -> {
                Api.Reply r = api.post("/media/" + mediaId + "/invites", ownerToken.get(),
                        Benchmarks.inviteBody("inv-" + seq.incrementAndGet() + "-" + mediaId + "@bench.example"));
                if (r.status() != 201) {
                    throw new IllegalStateException("issue failed: " + r);
                }
                links.add(r.text("link"));
            });
            Op redeem = new Op("full redemption", () -> {
                String link = links.poll();
                if (link == null) {
                    throw new IllegalStateException("no link left to redeem");
                }
                WebSession browser = new WebSession(shared);
                WebSession.Page landing = browser.get(link);
                String action = landing.find("id=\"media-invite-form\" action=\"([^\"]+)\"");
                String nonce = landing.find("name=\"nonce\" value=\"([^\"]+)\"");
                WebSession.Page end = browser.follow(browser.postForm(action, Map.of("nonce", nonce)),
                        RedemptionBenchmark.APP_URL);
                RedemptionBenchmark.exchange(api, RedemptionBenchmark.code(end));
            });
            Op login = new Op("password login", () -> browserLogin(shared, realmUrl, loginUser, api));
            Op refresh = new Op("refresh-token grant", () -> {
                String token = refreshTokens.poll();
                if (token == null) {
                    throw new IllegalStateException("no refresh token");
                }
                Api.Reply r = api.refresh(token);
                if (r.status() != 200) {
                    throw new IllegalStateException("refresh failed: " + r);
                }
                refreshTokens.add(r.text("refresh_token"));
            });
            Op clientCredentials = new Op("client-credentials grant", () -> api.serviceAccountToken());
            Op createUser = new Op("admin create-user",
                    () -> Benchmarks.createUser(fixtures, "adm-" + seq.incrementAndGet() + "-" + mediaId));
            // sessions for the refresh-token grant: one per client thread and some, made before any timing
            for (int i = 0; i < 2 * threads; i++) {
                refreshTokens.add(passwordRefreshToken(api, realmUrl, loginUser));
            }

            // 1. fresh database: a few of each to fill Keycloak's caches, then counted slices
            repeat(issue, 10 + COUNTED + 10 + COUNTED + 10);
            repeat(redeem, 10);
            repeat(login, 5);
            repeat(refresh, 5);
            if (probe != null) {
                System.out.println();
                System.out.printf("Per operation on the FRESH database (right after start, never analyzed: %s), "
                        + "%d of each, one at a time:%n", probe.analyzedOurTables().isEmpty()
                                ? "no MI_* table has statistics" : "analyzed: " + probe.analyzedOurTables(), COUNTED);
                // issuance: its links are redeemed below; the links issued above feed the counted redemptions
                count(probe, issue, COUNTED, true);
                count(probe, redeem, COUNTED, true);
                count(probe, login, COUNTED, true);
                count(probe, refresh, COUNTED, false);
            }

            // Keycloak's own floor: the same sign-in without password hashing, of a user new to its caches (made
            // after the counts on the fresh database, which its users would change)
            FloorRealm floor = FloorRealm.create(server, settings,
                    WARM_UP_ROUNDS * WARM_UP_PER_ROUND + SLICES * SLICE + COUNTED + 20);
            Api floorApi = new Api(server, FloorRealm.NAME);
            String floorUrl = FloorRealm.realmUrl(server);
            Op floorLogin = new Op(FLOOR, () -> {
                String user = floor.nextUser();
                browserLogin(shared, floorUrl, user, floorApi);
            });
            if (probe != null) {
                repeat(floorLogin, 5);
                count(probe, floorLogin, COUNTED, true);
            }

            // 2. warm-up
            List<Op> ops = List.of(redeem, login, floorLogin, refresh, clientCredentials, issue, createUser);
            System.out.println();
            System.out.printf("Warm-up: %d rounds of %d of each at %d threads (Keycloak CPU per op without JIT, ms)%n",
                    WARM_UP_ROUNDS, WARM_UP_PER_ROUND, threads);
            for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                StringBuilder line = new StringBuilder("  round " + round + ":");
                for (Op op : orderForLinks(ops)) {
                    Run r = Run.of(server, probe, op.body(), WARM_UP_PER_ROUND, threads);
                    line.append(String.format("  %s %.1f", shortName(op), r.kcMillisPerOp()));
                }
                System.out.println(line);
            }

            // 3. measured, alternating slices
            System.out.println();
            System.out.printf("Measured: %d alternating slices of %d of each at %d threads (ms CPU per op: "
                    + "Keycloak without JIT + PostgreSQL = total; statements per op)%n", SLICES, SLICE, threads);
            Map<Op, List<Run>> slices = new LinkedHashMap<>();
            ops.forEach(op -> slices.put(op, new ArrayList<>()));
            FlightRecording recording = FlightRecording.startIfAsked(server);
            for (int s = 1; s <= SLICES; s++) {
                StringBuilder line = new StringBuilder("  slice " + s + ":");
                for (Op op : orderForLinks(ops)) {
                    Run r = Run.of(server, probe, op.body(), SLICE, threads);
                    slices.get(op).add(r);
                    line.append(String.format("  %s %.1f+%.1f=%.1f (%s st)", shortName(op), r.kcMillisPerOp(),
                            r.pgMillisPerOp(), r.totalMillisPerOp(), r.statementsPerOp()));
                }
                System.out.println(line);
            }
            if (recording != null) {
                recording.close();
            }
            System.out.println();
            Map<Op, Run> sums = new LinkedHashMap<>();
            for (Op op : ops) {
                Run sum = slices.get(op).stream().reduce(Run.NONE, Run::plus);
                sums.put(op, sum);
                System.out.printf("  %-26s %7.1f/s   CPU per op: Keycloak %5.2f ms + PostgreSQL %5.2f ms = %6.2f ms"
                        + "   statements %s (+%s BEGIN/COMMIT/SET)%n", op.name(), sum.perSecond(),
                        sum.kcMillisPerOp(), sum.pgMillisPerOp(), sum.totalMillisPerOp(), sum.statementsPerOp(),
                        sum.controlPerOp());
            }
            Run r = sums.get(redeem);
            Run l = sums.get(login);
            Run f = sums.get(refresh);
            Run c = sums.get(clientCredentials);
            Run i = sums.get(issue);
            Run u = sums.get(createUser);
            Run kc = sums.get(floorLogin);
            System.out.println();
            System.out.println("Ratios:");
            System.out.printf("  redemption / password login CPU: %.3f without the database, %.3f with PostgreSQL's%n",
                    r.kcMillisPerOp() / l.kcMillisPerOp(), r.totalMillisPerOp() / l.totalMillisPerOp());
            System.out.printf("  redemption / refresh-token grant CPU: %.2f without the database, %.2f with PostgreSQL's%n",
                    r.kcMillisPerOp() / f.kcMillisPerOp(), r.totalMillisPerOp() / f.totalMillisPerOp());
            System.out.printf("  redemption / client-credentials grant CPU: %.2f without the database, %.2f with%n",
                    r.kcMillisPerOp() / c.kcMillisPerOp(), r.totalMillisPerOp() / c.totalMillisPerOp());
            System.out.printf("  issuance / admin create-user: throughput %.2f, CPU per op %.2f (with PostgreSQL's)%n",
                    i.perSecond() / u.perSecond(), i.totalMillisPerOp() / u.totalMillisPerOp());
            System.out.printf("  Keycloak sign-in floor (a password login of a new user, one hash iteration) / refresh-token "
                    + "grant CPU: %.2f with PostgreSQL's; / password login: %.3f%n",
                    kc.totalMillisPerOp() / f.totalMillisPerOp(), kc.totalMillisPerOp() / l.totalMillisPerOp());
            System.out.printf("  redemption / Keycloak sign-in floor CPU: %.2f without the database, %.2f with "
                    + "PostgreSQL's (what the redemption adds: %.2f ms)%n", r.kcMillisPerOp() / kc.kcMillisPerOp(),
                    r.totalMillisPerOp() / kc.totalMillisPerOp(), r.totalMillisPerOp() - kc.totalMillisPerOp());
            System.out.println();
            System.out.println("Goals:");
            goal("full redemption CPU <= 0.15 x password login CPU, both including PostgreSQL's",
                    String.format("%.3f", r.totalMillisPerOp() / l.totalMillisPerOp()),
                    r.totalMillisPerOp() / l.totalMillisPerOp() <= 0.15);
            goal("full redemption CPU <= 2 x refresh-token grant CPU (including PostgreSQL's)",
                    String.format("%.2f", r.totalMillisPerOp() / f.totalMillisPerOp()),
                    r.totalMillisPerOp() / f.totalMillisPerOp() <= 2);
            goal("issuance throughput >= 1.5 x admin create-user throughput",
                    String.format("%.2f", i.perSecond() / u.perSecond()), i.perSecond() / u.perSecond() >= 1.5);
            flat("redemption", slices.get(redeem));
            flat("issuance", slices.get(issue));

            // 4. with planner statistics
            if (probe != null) {
                probe.analyze();
                System.out.println();
                System.out.printf("Per operation after ANALYZE (%d invites stored), %d of each, one at a time:%n",
                        seq.get(), COUNTED);
                count(probe, issue, COUNTED, false);
                count(probe, redeem, COUNTED, false);
            }
        }
    }

    /** A browser sign-in with the login form (password = username) and the code exchange of media-app. */
    private static void browserLogin(HttpClient shared, String realmUrl, String username, Api api) {
        WebSession browser = new WebSession(shared);
        WebSession.Page page = browser.get(realmUrl + "/protocol/openid-connect/auth?client_id=media-app"
                + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(RedemptionBenchmark.APP_URL, StandardCharsets.UTF_8));
        String action = page.find("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
        WebSession.Page end = browser.follow(browser.postForm(action,
                Map.of("username", username, "password", username)), RedemptionBenchmark.APP_URL);
        RedemptionBenchmark.exchange(api, RedemptionBenchmark.code(end));
    }

    /** Issuance before redemption: each round's redemptions use links the rounds issued. */
    private static List<Op> orderForLinks(List<Op> ops) {
        List<Op> ordered = new ArrayList<>(ops);
        ordered.sort((a, b) -> Boolean.compare(!a.name().equals("issuance"), !b.name().equals("issuance")));
        return ordered;
    }

    private static String shortName(Op op) {
        return switch (op.name()) {
            case "full redemption" -> "redeem";
            case "password login" -> "login";
            case "refresh-token grant" -> "refresh";
            case "client-credentials grant" -> "cc";
            case FLOOR -> "floor";
            case "issuance" -> "issue";
            default -> "create-user";
        };
    }

    private static void goal(String what, String value, boolean met) {
        System.out.printf("  %-78s %8s -> %s%n", what, value, met ? "met" : "NOT met");
    }

    /** Flatness: the last slice's CPU per operation (with PostgreSQL's) within 10% of the first's. */
    private static void flat(String name, List<Run> slices) {
        Run first = slices.get(0);
        Run last = slices.get(slices.size() - 1);
        double change = last.totalMillisPerOp() / first.totalMillisPerOp() - 1;
        System.out.printf("  %-78s %+7.1f%% -> %s%n", name + " flat: last slice CPU/op within 10% of the first",
                change * 100, Math.abs(change) <= 0.10 ? "met" : "NOT met");
        System.out.printf("      first %.2f ms (%.1f/s, %s st) -> last %.2f ms (%.1f/s, %s st)%n",
                first.totalMillisPerOp(), first.perSecond(), first.statementsPerOp(), last.totalMillisPerOp(),
                last.perSecond(), last.statementsPerOp());
    }

    private static void repeat(Op op, int times) {
        for (int k = 0; k < times; k++) {
            op.body().run();
        }
    }

    /** One counted slice: statements, rows, scans of our tables per operation; one operation at a time. */
    private static void count(PgProbe probe, Op op, int n, boolean detail) throws Exception {
        PgProbe.TableStats before = probe.tableStats(true);
        long pos = probe.logPosition();
        repeat(op, n);
        PgProbe.Statements st = probe.statementsSince(pos);
        PgProbe.TableStats d = probe.tableStats(true).minus(before);
        Map<String, String> seqScans = d.ourSequentialScans();
        System.out.printf("  %-22s statements %s (+%s BEGIN/COMMIT/SET)  transactions %.1f  rows read %.1f "
                        + "(ours %.1f)  rows written %.1f (ours %.1f)%n", op.name(),
                st.known() ? String.format("%.1f", st.total() / (double) n) : "n/a",
                st.known() ? String.format("%.1f", st.control() / (double) n) : "n/a",
                d.database()[0] / (double) n, d.rowsRead(false) / (double) n, d.rowsRead(true) / (double) n,
                d.rowsWritten(false) / (double) n, d.rowsWritten(true) / (double) n);
        System.out.println("      sequential scans of our tables: " + (seqScans.isEmpty() ? "none" : seqScans));
        if (detail) {
            System.out.println("      per table (per op):");
            d.perTable(n).forEach(System.out::println);
            if (st.known()) {
                System.out.println("      statements (per op):");
                st.top(n, 40).forEach(s -> System.out.println("      " + s));
            }
        }
    }

    /** A refresh token of a fresh session of {@code user} (password grant, made before timing). */
    private static String passwordRefreshToken(Api api, String realmUrl, String user) {
        String form = "grant_type=password&client_id=" + Api.APP + "&client_secret=" + Api.APP_SECRET
                + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&scope=openid";
        Api.Reply r = api.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (r.status() != 200) {
            throw new IllegalStateException("password grant failed: " + r);
        }
        return r.text("refresh_token");
    }

    /** The owner's access token, fetched again every minute (its lifespan is five). */
    private static final class CachedToken implements Supplier<String> {
        private final Supplier<String> fetch;
        private String token;
        private long fetchedAt;

        CachedToken(Supplier<String> fetch) {
            this.fetch = fetch;
        }

        @Override
        public synchronized String get() {
            if (token == null || System.currentTimeMillis() - fetchedAt > 60_000) {
                token = fetch.get();
                fetchedAt = System.currentTimeMillis();
            }
            return token;
        }
    }

    /** A measured run: operations, wall time, Keycloak CPU (without JIT), its JIT, PostgreSQL CPU, statements. */
    private record Run(int ops, double seconds, Duration kc, Duration compiler, long pgMillis,
            PgProbe.Statements statements) {
        static final Run NONE = new Run(0, 0, Duration.ZERO, Duration.ZERO, 0, PgProbe.Statements.NONE);

        static Run of(DistributionServer server, PgProbe probe, Runnable op, int n, int threads) throws Exception {
            Map<Integer, Long> pgBefore = probe == null ? Map.of() : probe.cpuSnapshot();
            long pos = probe == null ? -1 : probe.logPosition();
            Duration cpuBefore = server.serverCpuTime();
            Duration compilerBefore = server.serverCompilerCpuTime();
            double rate = Benchmarks.rate(op, n, threads);
            Duration compiler = server.serverCompilerCpuTime().minus(compilerBefore);
            Duration cpu = server.serverCpuTime().minus(cpuBefore).minus(compiler);
            long pg = probe == null ? 0 : PgProbe.cpuMillisBetween(pgBefore, probe.cpuSnapshot());
            PgProbe.Statements st = probe == null ? PgProbe.Statements.NONE : probe.statementsSince(pos);
            return new Run(n, n / rate, cpu, compiler, pg, st);
        }

        Run plus(Run o) {
            return new Run(ops + o.ops, seconds + o.seconds, kc.plus(o.kc), compiler.plus(o.compiler),
                    pgMillis + o.pgMillis, statements.plus(o.statements));
        }

        double perSecond() {
            return ops / seconds;
        }

        double kcMillisPerOp() {
            return kc.toNanos() / 1e6 / ops;
        }

        double pgMillisPerOp() {
            return pgMillis / (double) ops;
        }

        double totalMillisPerOp() {
            return kcMillisPerOp() + pgMillisPerOp();
        }

        String statementsPerOp() {
            return statements.known() ? String.format("%.1f", statements.total() / (double) ops) : "n/a";
        }

        String controlPerOp() {
            return statements.known() ? String.format("%.1f", statements.control() / (double) ops) : "n/a";
        }
    }
}
