package io.mediainvites.it;

import static io.mediainvites.it.RedemptionIT.APP_URL;
import static io.mediainvites.it.RedemptionIT.action;
import static io.mediainvites.it.RedemptionIT.codeFrom;
import static io.mediainvites.it.RedemptionIT.nonce;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.ClusterNodes;
import io.mediainvites.it.support.ClusterNodes.Node;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.TestSettings;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * O4 (issue 14 items 1, 2, 6, 7) on a two-node cluster ({@link ClusterNodes}): hot links over both nodes with more
 * concurrent POSTs than a node's pool, jobs once per cluster, revocation and policy seen by the other node, a lost
 * answer completed on the other node, and {@code kill -9} of a node (last: the cluster is one node afterwards).
 * Runs only in the {@code it-cluster} execution.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static ClusterNodes cluster;
    private static Api apiA;
    private static Api apiB;
    private static String ownerToken;
    private static String appToken;
    private static String mediaId;
    private static Fixtures fixtures;

    @BeforeAll
    static void startCluster() {
        // only in the it-cluster execution (a -Dit.test selection reaches every execution)
        Assumptions.assumeTrue("cluster".equals(System.getProperty("mi.execution")), "the it-cluster execution");
        cluster = ClusterNodes.start(TestSettings.fromSystemProperties());
        apiA = new Api(cluster.a());
        apiB = new Api(cluster.b());
        fixtures = new Fixtures(cluster.a());
        String owner = fixtures.user("owner");
        ownerToken = apiA.passwordToken(owner, owner);
        appToken = apiA.serviceAccountToken();
        mediaId = Fixtures.unique("video");
        assertThat(apiA.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aSingleUseLinkRacedOverBothNodesByMoreBrowsersThanAPoolHoldsGivesExactlyOneCode() throws Exception {
        // item 6: another user keeps signing in on node B during the storms; first their normal latency
        String bystander = fixtures.user("bystander");
        List<Long> normal = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            normal.add(timedLogin(bystander));
        }
        List<Long> duringStorm = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int round = 0; round < 10; round++) {
            Reply invite = issue(apiB, Map.of());
            java.util.concurrent.atomic.AtomicBoolean storm = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread logins = new Thread(() -> {
                while (storm.get()) {
                    duringStorm.add(timedLogin(bystander));
                }
            });
            logins.start();
            List<Page> ends;
            try {
                ends = race(invite.text("link"), 64);
            } finally {
                storm.set(false);
                logins.join();
            }
            long codes = ends.stream().filter(ClusterIT::signedIn).count();
            assertThat(codes).as("round " + round).isEqualTo(1);
            assertThat(ends).filteredOn(p -> !signedIn(p))
                    .allSatisfy(p -> assertThat(p.body()).as(p.toString()).containsAnyOf("data-reason=\"used_up\"",
                            "data-reason=\"device_mismatch\""));
            assertThat(useCount(invite)).isEqualTo(1);
        }
        // every bystander login succeeded (timedLogin asserts it) and none stalled; the 2x latency goal is printed
        // here, not judged (timing goals belong to benchmarks; a loaded CI machine shares its two cores with both nodes)
        assertThat(duringStorm).isNotEmpty().allSatisfy(ms -> assertThat(ms).isLessThan(15_000L));
        System.out.printf("ClusterIT: bystander password logins on node B: median %d ms normal, %d ms during the storms"
                + " (%d logins), ratio %.2f (goal <= 2)%n", median(normal), median(duringStorm), duringStorm.size(),
                (double) median(duringStorm) / Math.max(1, median(normal)));
    }

    /** One password login of {@code user} on node B (a token, so it succeeded), in milliseconds. */
    private static long timedLogin(String user) {
        long t0 = System.nanoTime();
        assertThat(apiB.passwordToken(user, user)).isNotBlank();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        java.util.Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    @Test
    @Order(2)
    void aThreeUseLinkRaced40TimesIsUsedExactlyThreeTimes() throws Exception {
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "5", "mediaInvites.deviceBinding", "false"), () -> {
            Fixtures.sleep(1_000); // the realm change reaches node B's cache
            Reply invite = issue(apiA, Map.of("useLimit", 3));
            try {
                List<Page> ends = race(invite.text("link"), 40);
                assertThat(ends.stream().filter(ClusterIT::signedIn).count()).isEqualTo(3);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(useCount(invite)).isEqualTo(3);
        });
    }

    @Test
    @Order(3)
    void jobsRunOncePerClusterPerInterval() throws Exception {
        Map<String, Long> before = jobRuns();
        Instant start = Instant.now();
        Fixtures.sleep(20_000);
        Map<String, Long> after = jobRuns();
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        long perInterval = seconds / ClusterNodes.JOB_INTERVAL_SECONDS;
        for (String job : List.of("media-invites-session-reaper", "media-invites-cleanup")) {
            long runs = after.getOrDefault(job, 0L) - before.getOrDefault(job, 0L);
            // both nodes' timers fire every interval; one run per interval in the cluster, not two
            assertThat(runs).as(job + " over " + seconds + " s").isBetween(perInterval / 2, perInterval + 2);
        }
    }

    @Test
    @Order(4)
    void revocationThroughOneNodeEndsTheSessionOnTheOther() {
        Reply invite = issue(apiA, Map.of());
        String refresh = redeemOn(cluster.b(), invite).text("refresh_token");
        assertThat(apiB.refresh(refresh).status()).isEqualTo(200);
        assertThat(apiA.post("/invites/" + invite.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        Instant deadline = Instant.now().plusSeconds(5);
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            status = apiB.refresh(refresh).status();
        }
        assertThat(status).as("node B's refresh after the revocation on A").isEqualTo(400);
    }

    @Test
    @Order(5)
    void aPolicyChangeOnOneNodeIsFollowedByIssuanceOnTheOther() {
        fixtures.withRealmAttributes(Map.of("mediaInvites.blockedDomains", "cluster-blocked.example"), () -> {
            Instant deadline = Instant.now().plusSeconds(5);
            int status = 201;
            while (status == 201 && Instant.now().isBefore(deadline)) {
                status = apiB.post("/media/" + mediaId + "/invites", ownerToken,
                        IssuanceIT.invite(Fixtures.unique("blk") + "@cluster-blocked.example")).status();
            }
            assertThat(status).as("issuance on B after blocking the domain on A").isIn(400, 403, 422);
        });
    }

    @Test
    @Order(6)
    void mediaDeletionOnOneNodeEndsSessionsOnTheOther() {
        String media = Fixtures.unique("video");
        String owner = fixtures.user("delowner");
        String token = apiA.passwordToken(owner, owner);
        assertThat(apiA.put("/media/" + media, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
        Reply invite = apiA.post("/media/" + media + "/invites", token, IssuanceIT.invite(Fixtures.unique("del") + "@example.com"));
        assertThat(invite.status()).isEqualTo(201);
        String refresh = redeemOn(cluster.b(), invite).text("refresh_token");
        assertThat(apiA.delete("/media/" + media, appToken).status()).isIn(200, 204);
        Instant deadline = Instant.now().plusSeconds(5);
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            status = apiB.refresh(refresh).status();
        }
        assertThat(status).isEqualTo(400);
    }

    @Test
    @Order(7)
    void anAnswerLostOnOneNodeIsCompletedOnTheOtherWithoutAnotherUse() {
        Reply invite = issue(apiA, Map.of());
        WebSession browser = new WebSession();
        Page landing = browser.get(cluster.on(cluster.b(), invite.text("link")));
        Map<String, String> before = new LinkedHashMap<>(browser.cookies());
        Page lost = browser.postForm(cluster.on(cluster.b(), action(landing)), Map.of("nonce", nonce(landing)));
        assertThat(lost.status()).as(lost.toString()).isEqualTo(302);
        browser.cookies().clear();
        browser.cookies().putAll(before); // node B's answer never arrived
        Page retried = browser.postForm(cluster.on(cluster.a(), action(landing)), Map.of("nonce", nonce(landing)));
        String code = codeFrom(follow(browser, cluster.a(), retried));
        assertThat(apiA.exchangeCode(code, APP_URL).status()).isEqualTo(200);
        assertThat(useCount(invite)).isEqualTo(1);
    }

    @Test
    @Order(8)
    void aNodeKilledBetweenTheCountAndTheAnswerDuringAStreamLosesNoInviteOverusesNoneAndBurnsNoLink() throws Exception {
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch halfway = new CountDownLatch(20);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    Node first = (i + worker) % 2 == 0 ? cluster.a() : cluster.b();
                    Reply invite = issueWithRetry(first);
                    if (invite != null) {
                        created.add(invite.text("id"));
                        redeemWithRetry(first, invite);
                    }
                    halfway.countDown();
                }
                return null;
            }));
        }
        halfway.await();
        // item 7: node B dies (the test hook halts its JVM, as kill -9 does) right after the commit that counted this
        // redemption's use and before its answer is written, while the stream goes on over both nodes
        Reply crash = apiA.post("/media/" + mediaId + "/invites", ownerToken,
                IssuanceIT.invite(ClusterNodes.CRASH_PREFIX + Fixtures.unique("lost") + "@example.com"));
        assertThat(crash.status()).as(crash.toString()).isEqualTo(201);
        WebSession browser = new WebSession();
        Page landing = browser.get(cluster.on(cluster.b(), crash.text("link")));
        assertThat(landing.status()).as(landing.toString()).isEqualTo(200);
        Map<String, String> cookies = new LinkedHashMap<>(browser.cookies());
        Page answer = null;
        try {
            answer = browser.postForm(cluster.on(cluster.b(), action(landing)), Map.of("nonce", nonce(landing)));
        } catch (RuntimeException lost) {
            // the connection closed without an answer
        }
        assertThat(answer).as("node B answered the POST it died in").isNull();
        Instant dead = Instant.now().plusSeconds(20);
        while (cluster.b().process().isAlive() && Instant.now().isBefore(dead)) {
            Fixtures.sleep(100);
        }
        assertThat(cluster.b().process().isAlive()).as("node B halted").isFalse();
        assertThat(useCount(crash)).as("the use counted before the crash").isEqualTo(1);
        // the same browser sends the same form again, to node A: signed in, no second use
        browser.cookies().clear();
        browser.cookies().putAll(cookies);
        Page retried = browser.postForm(cluster.on(cluster.a(), action(landing)), Map.of("nonce", nonce(landing)));
        Page end = follow(browser, cluster.a(), retried);
        assertThat(signedIn(end)).as(end + " " + end.body()).isTrue();
        Reply tokens = apiA.exchangeCode(codeFrom(end), APP_URL);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(useCount(crash)).as("the retry spent no second use").isEqualTo(1);
        cluster.b().kill(); // already gone: releases its handles

        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdownNow();
        assertThat(created).isNotEmpty();
        // every invite whose 201 arrived exists, and none has more uses than its limit; A kept answering
        try (Connection c = cluster.database().connect();
                PreparedStatement s = c.prepareStatement("select USE_COUNT, USE_LIMIT from MI_INVITE where ID = ?")) {
            for (String id : created) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).as("invite " + id).isTrue();
                    assertThat(rs.getInt(1)).isLessThanOrEqualTo(rs.getInt(2));
                }
            }
        }
        assertThat(apiA.get("/invites/" + created.get(0), ownerToken).status()).isEqualTo(200);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Reply issueWithRetry(Node first) {
        for (Node node : List.of(first, cluster.a())) {
            try {
                Reply r = new Api(node).post("/media/" + mediaId + "/invites", ownerToken,
                        IssuanceIT.invite(Fixtures.unique("kill") + "@example.com"));
                if (r.status() == 201) {
                    return r;
                }
            } catch (RuntimeException e) {
                // the node died under the request: the client retries on A
            }
        }
        return null;
    }

    private static void redeemWithRetry(Node first, Reply invite) {
        for (Node node : List.of(first, cluster.a())) {
            try {
                WebSession browser = new WebSession();
                Page landing = browser.get(cluster.on(node, invite.text("link")));
                if (landing.status() != 200) {
                    return;
                }
                Page end = follow(browser, node, browser.postForm(cluster.on(node, action(landing)),
                        Map.of("nonce", nonce(landing))));
                if (signedIn(end)) {
                    return;
                }
            } catch (RuntimeException e) {
                // retried on A
            }
        }
    }

    private static Reply redeemOn(Node node, Reply invite) {
        WebSession browser = new WebSession();
        Page landing = browser.get(cluster.on(node, invite.text("link")));
        Page end = follow(browser, node, browser.postForm(cluster.on(node, action(landing)), Map.of("nonce", nonce(landing))));
        Reply tokens = new Api(node).exchangeCode(codeFrom(end), APP_URL);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return tokens;
    }

    /** Follows Keycloak's redirects on {@code node} (they name the shared hostname) until the app's redirect. */
    private static Page follow(WebSession browser, Node node, Page page) {
        Page current = page;
        for (int i = 0; i < 10 && current.status() >= 300 && current.status() < 400; i++) {
            String location = current.location();
            if (location.startsWith(APP_URL)) {
                return current;
            }
            current = browser.get(cluster.on(node, current.uri().resolve(location).toString()));
        }
        return current;
    }

    private static boolean signedIn(Page p) {
        return p.status() == 302 && p.location() != null && p.location().startsWith(APP_URL) && p.location().contains("code=");
    }

    /** n browsers, half on each node, all POSTing at once; a busy answer is sent again after its Retry-After. */
    private static List<Page> race(String link, int n) throws Exception {
        List<WebSession> browsers = new ArrayList<>();
        List<Page> landings = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Node node = i % 2 == 0 ? cluster.a() : cluster.b();
            WebSession b = new WebSession();
            browsers.add(b);
            nodes.add(node);
            landings.add(b.get(cluster.on(node, link)));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Page>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                WebSession b = browsers.get(i);
                Page landing = landings.get(i);
                Node node = nodes.get(i);
                futures.add(pool.submit((Callable<Page>) () -> {
                    go.await();
                    for (int attempt = 0; ; attempt++) {
                        long t0 = System.nanoTime();
                        Page p = b.postForm(cluster.on(node, action(landing)), Map.of("nonce", nonce(landing)));
                        long millis = (System.nanoTime() - t0) / 1_000_000;
                        assertThat(p.status()).as(p + " " + p.body()).isNotEqualTo(500);
                        boolean lost = p.body().contains("data-reason=");
                        // no loser is kept waiting (goal 1 s; the bound leaves room for a loaded CI machine)
                        assertThat(millis).as("answer time of " + p).isLessThan(lost ? 10_000 : 60_000);
                        if (p.body().contains("data-reason=\"busy\"") && attempt < 100) {
                            // as a browser would: after the Retry-After of the answer (1 s), with some jitter
                            Thread.sleep(1_000 + ThreadLocalRandom.current().nextInt(250));
                            continue;
                        }
                        return follow(b, node, p);
                    }
                }));
            }
            go.countDown();
            List<Page> pages = new ArrayList<>();
            for (Future<Page> f : futures) {
                pages.add(f.get());
            }
            return pages;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Long> jobRuns() throws Exception {
        Map<String, Long> runs = new LinkedHashMap<>();
        try (Connection c = cluster.database().connect();
                PreparedStatement s = c.prepareStatement("select NAME, RUN_COUNT from MI_JOB_LEASE");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                runs.put(rs.getString(1), rs.getLong(2));
            }
        }
        return runs;
    }

    private static Reply issue(Api api, Map<String, Object> extra) {
        Map<String, Object> body = IssuanceIT.invite(Fixtures.unique("cl") + "@example.com");
        body.putAll(extra);
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    private static int useCount(Reply invite) {
        return apiA.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt();
    }
}
