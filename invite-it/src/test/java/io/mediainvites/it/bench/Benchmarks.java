package io.mediainvites.it.bench;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.DistributionServer;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakExtension;
import io.mediainvites.it.support.TestSettings;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Timing goals, measured against Keycloak's own operations on the same server in the same run:
 * <ul>
 *   <li>issuance throughput against the admin "create user" (both create one user; an invite also checks
 *       rules, writes the invite row and signs a token);</li>
 *   <li>one batch of 100 invites against 100 single calls ({@link BatchBenchmark});</li>
 *   <li>full redemption (landing GET, POST, code, token) against a password login through the
 *       authorization-code flow (login page GET, credentials POST, code, token).</li>
 * </ul>
 * By default (issue 14) {@link GoalsBenchmark}: every baseline, CPU with PostgreSQL's, statement and row counts
 * and the goals in one run ({@code -Dbench.db=postgres}). {@code -Dbench.mode=legacy}: the earlier run below.
 * Run: {@code ./mvnw -B -Pbench -DskipTests verify} (optional {@code -Dbench.n=300 -Dbench.threads=4}, and
 * {@code -Dbench.redemptionOnly=true} to skip the issuance part, {@code -Dbench.batchOnly=true} to run only the
 * batch against single calls, {@code -Dbench.batchRounds=5}); {@code -Dbench.mode=scale} for 1M stored invites
 * ({@link ScaleBenchmark}), {@code -Dbench.mode=startup} for start-up time and heap ({@link StartupBenchmark}).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        // issue 14 items 5 and 8: modes with their own servers ({@link ScaleBenchmark}, {@link StartupBenchmark})
        String mode = System.getProperty("bench.mode", "");
        if ("scale".equals(mode)) {
            ScaleBenchmark.run();
            return;
        }
        if ("startup".equals(mode)) {
            StartupBenchmark.run();
            return;
        }
        int n = Integer.getInteger("bench.n", 300);
        int threads = Integer.getInteger("bench.threads", 4);
        TestSettings settings = TestSettings.fromSystemProperties();
        if ("goals".equals(System.getProperty("bench.mode", "goals")) && !Boolean.getBoolean("bench.batchOnly")
                && !Boolean.getBoolean("bench.redemptionOnly")) {
            GoalsBenchmark.run(settings, Integer.getInteger("bench.clients", 8));
            return;
        }
        try (DistributionServer server = DistributionServer.start(settings)) {
            KeycloakExtension.withoutInitiateLoginUri(server);
            Api api = new Api(server);
            Fixtures fixtures = new Fixtures(server);
            String owner = fixtures.user("bench-owner");
            String mediaId = Fixtures.unique("bench");
            registerVideo(api, mediaId, "Benchmark", owner);
            String token = api.passwordToken(owner, owner);
            AtomicInteger seq = new AtomicInteger();

            Runnable issue = () -> {
                Map<String, Object> body = inviteBody("inv-" + seq.incrementAndGet() + "-" + mediaId + "@bench.example");
                Api.Reply r = api.post("/media/" + mediaId + "/invites", token, body);
                if (r.status() != 201) {
                    throw new IllegalStateException("issue failed: " + r);
                }
            };
            Runnable createUser = () -> createUser(fixtures, "adm-" + seq.incrementAndGet() + "-" + mediaId);

            if (Boolean.getBoolean("bench.batchOnly")) {
                BatchBenchmark.run(server, api, token, mediaId, Integer.getInteger("bench.batchRounds", 5));
                return;
            }
            if (!Boolean.getBoolean("bench.redemptionOnly")) {
                issuance(settings, server, n, threads, issue, createUser);
                BatchBenchmark.run(server, api, token, mediaId, Integer.getInteger("bench.batchRounds", 5));
            }
            RedemptionBenchmark.run(server, api, token, mediaId, n, threads);
        }
    }

    private static void issuance(TestSettings settings, DistributionServer server, int n, int threads,
            Runnable issue, Runnable createUser) throws Exception {
        for (int i = 0; i < 50; i++) { // warm-up of both paths
            issue.run();
            createUser.run();
        }
        System.out.println();
        System.out.printf("Issuance benchmark: n=%d per run, Keycloak %s, %s%n", n, settings.keycloakVersion(),
                server.description());
        for (int t : List.of(1, threads)) {
            double invites = rate(issue, n, t);
            double users = rate(createUser, n, t);
            System.out.printf("threads=%d  issue invite: %.1f/s   admin create user: %.1f/s   ratio invite/user: %.2f%n",
                    t, invites, users, invites / users);
        }
    }

    /** Registers the benchmark's video entry {@code mediaId} through the app's service account, owned by {@code owner}. */
    static void registerVideo(Api api, String mediaId, String title, String owner) {
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("type", "video");
        media.put("title", title);
        media.put("collaborators", List.of(Map.of("user", owner, "role", "owner")));
        Api.Reply put = api.put("/media/" + mediaId, api.serviceAccountToken(), media);
        if (put.status() != 201) {
            throw new IllegalStateException("cannot register media: " + put);
        }
    }

    /** Keycloak's admin "create user" of {@code name}, the baseline of issuance. */
    static void createUser(Fixtures fixtures, String name) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(name);
        u.setEmail(name + "@bench.example");
        u.setFirstName("Bench");
        u.setLastName("User");
        u.setEnabled(true);
        try (Response r = fixtures.realm().users().create(u)) {
            if (r.getStatus() != 201) {
                throw new IllegalStateException("create user failed: " + r.getStatus());
            }
        }
    }

    /** The body of an invite to {@code email} for the benchmark's media app. */
    static Map<String, Object> inviteBody(String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("firstName", "Bench");
        body.put("lastName", "Invitee");
        body.put("redirectUri", "http://localhost:3000/media");
        return body;
    }

    /** Operations per second of {@code n} runs of {@code op} on {@code threads} threads. */
    static double rate(Runnable op, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(op));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return n / (took.toNanos() / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
