package io.mediainvites.it;

import static io.mediainvites.it.RedemptionIT.APP_URL;
import static io.mediainvites.it.RedemptionIT.action;
import static io.mediainvites.it.RedemptionIT.codeFrom;
import static io.mediainvites.it.RedemptionIT.nonce;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 items 6 and 7 on one node: a hot link is answered at once (used up, or busy: try again) with exactly its
 * allowed uses; a redemption whose answer was lost is completed by the same browser's retry without another use.
 */
@KeycloakIT
class HotLinkIT {

    private KeycloakServer server;
    private Api api;
    private Fixtures fixtures;
    private String ownerToken;
    private String mediaId;

    @BeforeEach
    void setUp(KeycloakServer server) {
        this.server = server;
        api = new Api(server);
        fixtures = new Fixtures(server);
        String appToken = api.serviceAccountToken();
        String owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
    }

    /** What one racer ended with: its last page, how many busy answers it got, its slowest answer. */
    record Outcome(Page end, int busy, long slowestMillis) {
        boolean signedIn() {
            return end.status() == 302 && end.location() != null && end.location().startsWith(APP_URL)
                    && end.location().contains("code=");
        }
    }

    @Test
    void aSingleUseLinkRacedByManyBrowsersGivesOneCodeAndEveryOtherAnswerAtOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Reply invite = issue(Map.of());
            List<Outcome> outcomes = race(invite.text("link"), 24, false);
            assertThat(outcomes.stream().filter(Outcome::signedIn).count()).as("round " + round).isEqualTo(1);
            for (Outcome o : outcomes) {
                if (!o.signedIn()) {
                    // a loser is told the link is used up (or busy, try again), never left waiting or given a 500
                    assertThat(o.end().status()).as(o.end().toString()).isIn(400, 403, 503);
                    assertThat(o.end().body()).containsAnyOf("data-reason=\"used_up\"", "data-reason=\"busy\"",
                            "data-reason=\"device_mismatch\"");
                }
            }
            assertThat(useCount(invite)).isEqualTo(1);
        }
    }

    @Test
    void aThreeUseLinkRacedByBrowsersThatTryAgainWhenBusyIsUsedExactlyThreeTimes() throws Exception {
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "5", "mediaInvites.deviceBinding", "false"), () -> {
            Reply invite = issue(Map.of("useLimit", 3));
            List<Outcome> outcomes;
            try {
                outcomes = race(invite.text("link"), 20, true);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(outcomes.stream().filter(Outcome::signedIn).count()).isEqualTo(3);
            assertThat(outcomes.stream().filter(o -> !o.signedIn()))
                    .allSatisfy(o -> assertThat(o.end().body()).contains("data-reason=\"used_up\""));
            assertThat(useCount(invite)).isEqualTo(3);
        });
    }

    @Test
    void aPostForALinkWhoseRowIsHeldIsAnsweredBusyAtOnceAndTheSameFormWorksOnceTheRowIsFree() throws Exception {
        // the attacker's storm, made exact: another transaction holds the invite's row (as a redemption being counted
        // does); where the database is reachable, the test holds it itself and the POST must not wait for it
        Assumptions.assumeTrue(server.database() != null, "needs JDBC access to Keycloak's database");
        Reply invite = issue(Map.of());
        WebSession browser = new WebSession();
        Page landing = browser.get(invite.text("link"));
        Page busy;
        try (Connection c = server.database().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("select ID from MI_INVITE where ID = ? for update")) {
                s.setString(1, invite.text("id"));
                s.executeQuery().close();
            }
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                Future<Page> post = one.submit(() -> browser.postForm(action(landing), Map.of("nonce", nonce(landing))));
                // answered while the row is still held: nobody waits on it (30 s is far beyond any lock wait we allow)
                busy = post.get(30, TimeUnit.SECONDS);
            } finally {
                c.rollback();
                one.shutdownNow();
            }
        }
        assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
        assertThat(busy.raw().headers().firstValue("Retry-After")).contains("1");
        assertThat(busy.body()).contains("data-reason=\"busy\"").contains("id=\"media-invite-retry\"").contains("Try again");
        assertThat(useCount(invite)).isZero();
        // nothing was used: the very same form signs in once the row is free
        codeFrom(browser.follow(browser.postForm(action(landing), Map.of("nonce", nonce(landing))), APP_URL));
        assertThat(useCount(invite)).isEqualTo(1);
    }

    @Test
    void aRedemptionWhoseAnswerWasLostIsCompletedByTheSameBrowsersRetryWithoutAnotherUse() throws Exception {
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "5"), () -> {
            Reply invite = issue(Map.of("useLimit", 2));
            WebSession browser = new WebSession();
            Page landing = browser.get(invite.text("link"));
            Map<String, String> beforeAnswer = new LinkedHashMap<>(browser.cookies());
            Page lost = browser.postForm(action(landing), Map.of("nonce", nonce(landing)));
            assertThat(lost.status()).as(lost.toString()).isEqualTo(302);
            assertThat(useCount(invite)).isEqualTo(1);
            loseAnswer(browser, beforeAnswer);

            // someone else holding the link and the page's form value, without this browser's cookie: nothing
            WebSession other = new WebSession();
            other.get(invite.text("link"));
            Page foreign = other.postForm(action(landing), Map.of("nonce", nonce(landing)));
            assertThat(foreign.status()).isEqualTo(400);
            assertThat(foreign.body()).contains("data-reason=\"session_expired\"");

            // the same browser sends the same form again: signed in, no second use
            Page retried = browser.follow(browser.postForm(action(landing), Map.of("nonce", nonce(landing))), APP_URL);
            String code = codeFrom(retried);
            Reply tokens = api.exchangeCode(code, APP_URL);
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            assertThat(Api.claims(tokens.text("access_token")).get("media_access").get(mediaId).get("invite").asText())
                    .isEqualTo(invite.text("id"));
            assertThat(useCount(invite)).isEqualTo(1);

            // the lost answer's session was ended: its code gives nothing
            if (lost.location() != null && lost.location().startsWith(APP_URL)) {
                Reply lostTokens = api.exchangeCode(codeFrom(lost), APP_URL);
                assertThat(lostTokens.status()).as(lostTokens.toString()).isEqualTo(400);
            }

            // the receipt completes once: the same retry again (its answer lost too) gets the expired page
            loseAnswer(browser, beforeAnswer);
            Page twice = browser.postForm(action(landing), Map.of("nonce", nonce(landing)));
            assertThat(twice.status()).isEqualTo(400);
            assertThat(twice.body()).contains("data-reason=\"session_expired\"");
            assertThat(useCount(invite)).isEqualTo(1);
        });
    }

    @Test
    void theRetryKeepsTheDeviceBindingWithThisBrowser() {
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "5"), () -> {
            Reply invite = issue(Map.of("useLimit", 2));
            WebSession browser = new WebSession();
            Page landing = browser.get(invite.text("link"));
            Map<String, String> beforeAnswer = new LinkedHashMap<>(browser.cookies());
            assertThat(browser.postForm(action(landing), Map.of("nonce", nonce(landing))).status()).isEqualTo(302);
            loseAnswer(browser, beforeAnswer);
            codeFrom(browser.follow(browser.postForm(action(landing), Map.of("nonce", nonce(landing))), APP_URL));
            // the link's second use, from this browser (its device cookie came with the retry's answer)
            Page again = browser.get(invite.text("link"));
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            codeFrom(browser.follow(browser.postForm(action(again), Map.of("nonce", nonce(again))), APP_URL));
            assertThat(useCount(invite)).isEqualTo(2);
            // and another browser is still refused (bound device)
            Page elsewhere = new WebSession().get(invite.text("link"));
            assertThat(elsewhere.status()).isEqualTo(400);
        });
    }

    @Test
    void aRetryAfterRevocationIsRefused() {
        Reply invite = issue(Map.of());
        WebSession browser = new WebSession();
        Page landing = browser.get(invite.text("link"));
        Map<String, String> beforeAnswer = new LinkedHashMap<>(browser.cookies());
        assertThat(browser.postForm(action(landing), Map.of("nonce", nonce(landing))).status()).isEqualTo(302);
        loseAnswer(browser, beforeAnswer);
        assertThat(api.post("/invites/" + invite.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        Page retried = browser.postForm(action(landing), Map.of("nonce", nonce(landing)));
        assertThat(retried.status()).isEqualTo(400);
        assertThat(retried.body()).contains("data-reason=\"revoked\"");
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The browser never received the answer: none of its cookies arrived. */
    private static void loseAnswer(WebSession browser, Map<String, String> cookiesBefore) {
        browser.cookies().clear();
        browser.cookies().putAll(cookiesBefore);
    }

    private List<Outcome> race(String link, int n, boolean retryWhenBusy) throws Exception {
        List<WebSession> browsers = new ArrayList<>();
        List<Page> landings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WebSession b = new WebSession();
            browsers.add(b);
            landings.add(b.get(link));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                WebSession b = browsers.get(i);
                Page landing = landings.get(i);
                futures.add(pool.submit((Callable<Outcome>) () -> {
                    go.await();
                    int busy = 0;
                    long slowest = 0;
                    while (true) {
                        long t0 = System.nanoTime();
                        Page p = b.postForm(action(landing), Map.of("nonce", nonce(landing)));
                        slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
                        if (retryWhenBusy && p.body().contains("data-reason=\"busy\"") && busy < 200) {
                            busy++;
                            Thread.sleep(20 + ThreadLocalRandom.current().nextInt(40));
                            continue;
                        }
                        return new Outcome(b.follow(p, APP_URL), busy, slowest);
                    }
                }));
            }
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            System.out.printf("race of %d: %d signed in, %d busy answers, slowest answer %d ms%n", n,
                    outcomes.stream().filter(Outcome::signedIn).count(), outcomes.stream().mapToInt(Outcome::busy).sum(),
                    outcomes.stream().mapToLong(Outcome::slowestMillis).max().orElse(0));
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Reply issue(Map<String, Object> extra) {
        Map<String, Object> body = IssuanceIT.invite(Fixtures.unique("hot") + "@example.com");
        body.putAll(extra);
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    private int useCount(Reply invite) {
        return api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt();
    }
}
