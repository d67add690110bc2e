package io.mediainvites.it.bench;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.DistributionServer;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.WebSession;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Full redemption per second against a password login through the authorization-code flow. */
final class RedemptionBenchmark {

    private static final String APP_URL = "http://localhost:3000/media";

    private RedemptionBenchmark() {
    }

    static void run(DistributionServer server, Api api, String ownerToken, String mediaId, int n, int threads)
            throws Exception {
        Fixtures fixtures = new Fixtures(server);
        String user = fixtures.user("bench-login");
        String realmUrl = server.realmUrl("media");
        // links are issued before timing: only redemption is measured
        ConcurrentLinkedQueue<String> links = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 2 * n + 40; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", "red-" + i + "-" + mediaId + "@bench.example");
            body.put("firstName", "Bench");
            body.put("lastName", "Invitee");
            body.put("redirectUri", APP_URL);
            links.add(api.post("/media/" + mediaId + "/invites", ownerToken, body).text("link"));
        }
        Phases redemption = new Phases();
        Phases login = new Phases();
        Runnable redeem = () -> {
            WebSession browser = new WebSession();
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
            WebSession browser = new WebSession();
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
        for (int i = 0; i < 20; i++) { // warm-up
            redeem.run();
            passwordLogin.run();
        }
        redemption.reset();
        login.reset();
        for (int t : List.of(1, threads)) {
            double redemptions = Benchmarks.rate(redeem, n / 2, t);
            double logins = Benchmarks.rate(passwordLogin, n / 2, t);
            System.out.printf("threads=%d  full redemption: %.1f/s   password login: %.1f/s   "
                    + "cost ratio redemption/login: %.2f (goal <= 0.30)%n", t, redemptions, logins, logins / redemptions);
            if (t == 1) {
                System.out.println("  mean ms per step, redemption: landing GET / POST to code / token: " + redemption);
                System.out.println("  mean ms per step, password login: login page / POST to code / token: " + login);
            }
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

    private static String code(WebSession.Page end) {
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

    private static void exchange(Api api, String code) {
        Api.Reply reply = api.exchangeCode(java.net.URLDecoder.decode(code, StandardCharsets.UTF_8), APP_URL);
        if (reply.status() != 200) {
            throw new IllegalStateException("token exchange failed: " + reply);
        }
    }
}
