package io.mediainvites.it.bench;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.DistributionServer;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Full redemption per second against a password login through the authorization-code flow. */
final class RedemptionBenchmark {

    static final String APP_URL = "http://localhost:3000/media";
    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmupRounds", 8);
    private static final int WARM_UP_PER_ROUND = 60;
    private static final int SLICES = 3;

    private RedemptionBenchmark() {
    }

    static void run(DistributionServer server, Api api, String ownerToken, String mediaId, int n, int threads)
            throws Exception {
        Fixtures fixtures = new Fixtures(server);
        String user = fixtures.user("bench-login");
        String realmUrl = server.realmUrl("media");
        // links are issued before timing: only redemption is measured
        ConcurrentLinkedQueue<String> links = new ConcurrentLinkedQueue<>();
        AtomicInteger seq = new AtomicInteger();
        Benchmarks.rate(() -> {
            Api.Reply issued = api.post("/media/" + mediaId + "/invites", ownerToken,
                    Benchmarks.inviteBody("red-" + seq.incrementAndGet() + "-" + mediaId + "@bench.example"));
            if (issued.status() != 201) {
                throw new IllegalStateException("cannot issue a link: " + issued);
            }
            links.add(issued.text("link"));
        }, linksNeeded(n, threads), threads);
        // one HTTP client for all simulated browsers (each keeps its own cookies), as real browsers keep
        // their connections: the load generator should not spend its CPU setting up clients
        HttpClient shared = WebSession.newClient();
        Phases redemption = new Phases();
        Phases login = new Phases();
        Runnable redeem = () -> {
            WebSession browser = new WebSession(shared);
            long t0 = System.nanoTime();
            WebSession.Page landing = browser.get(links.poll());
            long t1 = System.nanoTime();
            String action = landing.find("id=\"media-invite-form\" action=\"([^\"]+)\"");
            String nonce = landing.find("name=\"nonce\" value=\"([^\"]+)\"");
            WebSession.Page end = browser.follow(browser.postForm(action, Map.of("nonce", nonce)), APP_URL);
            long t2 = System.nanoTime();
            exchange(api, code(end));
            redemption.add(t1 - t0, t2 - t1, System.nanoTime() - t2);
        };
        Runnable passwordLogin = () -> {
            WebSession browser = new WebSession(shared);
            long t0 = System.nanoTime();
            WebSession.Page page = browser.get(realmUrl + "/protocol/openid-connect/auth?client_id=media-app"
                    + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(APP_URL, StandardCharsets.UTF_8));
            long t1 = System.nanoTime();
            String action = page.find("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
            WebSession.Page end = browser.follow(browser.postForm(action, Map.of("username", user, "password", user)), APP_URL);
            long t2 = System.nanoTime();
            exchange(api, code(end));
            login.add(t1 - t0, t2 - t1, System.nanoTime() - t2);
        };
        // Keycloak's JIT compiler works for minutes on both paths; measuring before it settles measures the
        // compiler. Warm up both, concurrently, until a run of each no longer gets cheaper.
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            Run r = Run.of(server, redeem, WARM_UP_PER_ROUND, threads);
            Run l = Run.of(server, passwordLogin, WARM_UP_PER_ROUND, threads);
            System.out.printf("warm-up round %d: server CPU per redemption %.1f ms (+%.1f ms JIT), "
                    + "per password login %.1f ms (+%.1f ms JIT)%n", round, r.cpuMillisPerOp(), r.compilerMillisPerOp(),
                    l.cpuMillisPerOp(), l.compilerMillisPerOp());
        }
        redemption.reset();
        login.reset();
        System.out.println();
        System.out.printf("Redemption benchmark: %d of each per run, on %s%n", n / 2, server.description());
        Run lastRedemptions = null;
        Run lastLogins = null;
        int saturated = 1;
        for (int t : threadCounts(threads)) {
            // alternating slices, so that both sides see the same machine (other load, CPU speed) over time
            Run redemptions = Run.NONE;
            Run logins = Run.NONE;
            for (int slice = 0; slice < SLICES; slice++) {
                redemptions = redemptions.plus(Run.of(server, redeem, n / 2 / SLICES, t));
                logins = logins.plus(Run.of(server, passwordLogin, n / 2 / SLICES, t));
            }
            System.out.printf("threads=%d  full redemption: %.1f/s   password login: %.1f/s   "
                    + "time ratio redemption/login: %.2f%s%n", t, redemptions.perSecond(), logins.perSecond(),
                    logins.perSecond() / redemptions.perSecond(), t == 1 ? "  (one sign-in at a time: latency)" : "");
            System.out.printf("           server CPU per operation: redemption %.1f ms   password login %.1f ms   "
                    + "ratio %.2f   (JIT compiler left out: +%.1f / +%.1f ms)%n",
                    redemptions.cpuMillisPerOp(), logins.cpuMillisPerOp(),
                    redemptions.cpuMillisPerOp() / logins.cpuMillisPerOp(), redemptions.compilerMillisPerOp(),
                    logins.compilerMillisPerOp());
            if (t == 1) {
                System.out.println("  mean ms per step, redemption: landing GET / POST to code / token: " + redemption);
                System.out.println("  mean ms per step, password login: login page / POST to code / token: " + login);
            }
            lastRedemptions = redemptions;
            lastLogins = logins;
            saturated = t;
        }
        double throughputRatio = lastLogins.perSecond() / lastRedemptions.perSecond();
        double cpuRatio = lastRedemptions.cpuMillisPerOp() / lastLogins.cpuMillisPerOp();
        System.out.printf("Goal: a full redemption costs at most 0.30 of a password login on one node. With %d client "
                + "threads keeping the server busy: throughput ratio %.2f, server CPU ratio %.2f -> %s%n", saturated,
                throughputRatio, cpuRatio, throughputRatio <= 0.30 && cpuRatio <= 0.30 ? "met" : "NOT met");
    }

    /** Links needed for one benchmark run: warm-up plus every measured run. */
    static int linksNeeded(int n, int threads) {
        return WARM_UP_ROUNDS * WARM_UP_PER_ROUND + threadCounts(threads).size() * (n / 2) + 10;
    }

    /**
     * One client thread (latency: every step waits for the one before), then enough client threads to keep
     * the server's cores busy: the rate there is what one node can do per second.
     */
    static List<Integer> threadCounts(int threads) {
        return threads <= 1 ? List.of(1) : List.of(1, threads, 2 * threads);
    }

    /**
     * Operations per second and server CPU per operation of one measured run. The CPU is the server's
     * processes' whole CPU time less what its JIT compiler threads used meanwhile (the steady-state cost).
     */
    private record Run(int ops, double seconds, Duration cpu, Duration compiler) {
        static final Run NONE = new Run(0, 0, Duration.ZERO, Duration.ZERO);

        static Run of(DistributionServer server, Runnable op, int n, int threads) throws Exception {
            Duration cpuBefore = server.serverCpuTime();
            Duration compilerBefore = server.serverCompilerCpuTime();
            double rate = Benchmarks.rate(op, n, threads);
            Duration compiler = server.serverCompilerCpuTime().minus(compilerBefore);
            Duration cpu = server.serverCpuTime().minus(cpuBefore).minus(compiler);
            return new Run(n, n / rate, cpu, compiler);
        }

        Run plus(Run other) {
            return new Run(ops + other.ops, seconds + other.seconds, cpu.plus(other.cpu), compiler.plus(other.compiler));
        }

        double perSecond() {
            return ops / seconds;
        }

        double cpuMillisPerOp() {
            return cpu.toNanos() / 1e6 / ops;
        }

        double compilerMillisPerOp() {
            return compiler.toNanos() / 1e6 / ops;
        }
    }

    /** Mean time of the three steps of a sign-in, in milliseconds. */
    private static final class Phases {
        private final java.util.concurrent.atomic.LongAdder page = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder post = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder token = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder count = new java.util.concurrent.atomic.LongAdder();

        void add(long pageNanos, long postNanos, long tokenNanos) {
            page.add(pageNanos);
            post.add(postNanos);
            token.add(tokenNanos);
            count.increment();
        }

        void reset() {
            page.reset();
            post.reset();
            token.reset();
            count.reset();
        }

        @Override
        public String toString() {
            double n = Math.max(1, count.sum()) * 1e6;
            return String.format("%.1f / %.1f / %.1f", page.sum() / n, post.sum() / n, token.sum() / n);
        }
    }

    static String code(WebSession.Page end) {
        String location = end.location();
        if (end.status() != 302 || location == null || !location.contains("code=")) {
            throw new IllegalStateException("no code: " + end + " " + end.body());
        }
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                return pair.substring(5);
            }
        }
        throw new IllegalStateException("no code in " + location);
    }

    static void exchange(Api api, String code) {
        Api.Reply reply = api.exchangeCode(java.net.URLDecoder.decode(code, StandardCharsets.UTF_8), APP_URL);
        if (reply.status() != 200) {
            throw new IllegalStateException("token exchange failed: " + reply);
        }
    }
}
