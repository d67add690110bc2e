package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mediainvites.it.support.AdminApi;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.DistributionServer;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.WebSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * O11 with a real receiver (a JDK HTTP server in the test): events arrive signed (HMAC-SHA256 over timestamp and
 * body, checked here independently of the extension's code), in order per invite, retried with back-off while the
 * receiver fails, and nothing is lost when Keycloak is killed ({@code kill -9}) while the receiver is down.
 */
@KeycloakIT
class WebhookIT {

    private static final String SECRET = "test-webhook-secret-" + System.nanoTime();

    private KeycloakServer server;
    private Api api;
    private Fixtures fixtures;
    private String appToken;
    private String ownerToken;
    private String mediaId;
    private Receiver receiver;

    @BeforeEach
    void setUp(KeycloakServer server) throws IOException {
        this.server = server;
        api = new Api(server);
        fixtures = new Fixtures(server);
        appToken = api.serviceAccountToken();
        String owner = fixtures.user("hook-owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        receiver = Receiver.start();
        configureWebhook(receiver.url(), SECRET);
        assertThat(api.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
    }

    @AfterEach
    void tearDown() {
        configureWebhook("", SECRET);
        receiver.stop();
    }

    @Test
    void redeemRefuseRevokeAndDeleteArriveSignedAndInOrder() {
        Map<String, Double> before = MetricsIT.scrape(server);
        Reply invite = issue();
        String id = invite.text("id");
        WebSession browser = new WebSession();
        RedemptionIT.codeFrom(browser.follow(RedemptionIT.redeem(browser, browser.get(invite.text("link"))),
                RedemptionIT.APP_URL));
        for (int i = 0; i < 3; i++) {
            new WebSession().get(invite.text("link")); // used up: refused, reported once a minute however often
        }
        assertThat(api.post("/invites/" + id + "/revoke", ownerToken, null).status()).isEqualTo(200);
        assertThat(api.delete("/media/" + mediaId, appToken).status()).isEqualTo(200);

        List<Delivery> got = receiver.await(d -> d.body().contains(mediaId), 4, Duration.ofSeconds(30));
        assertThat(got).extracting(d -> d.json().get("type").asText())
                .containsExactly("invite.redeemed", "invite.refused", "invite.revoked", "media.deleted");
        for (Delivery d : got) {
            assertThat(d.validSignature(SECRET)).as("signature of " + d.body()).isTrue();
            assertThat(d.header("Idempotency-Key")).isEqualTo(d.json().get("id").asText());
            assertThat(d.header("X-Media-Invites-Event-Id")).isEqualTo(d.json().get("id").asText());
            assertThat(d.json().get("realm").asText()).isEqualTo("media");
            assertThat(d.json().get("client").asText()).isEqualTo("media-app");
            assertThat(d.json().get("mediaId").asText()).isEqualTo(mediaId);
            assertThat(d.body()).doesNotContain("key=").doesNotContain(SECRET);
        }
        assertThat(got.get(0).json().get("inviteId").asText()).isEqualTo(id);
        assertThat(got.get(0).json().get("role").asText()).isEqualTo("viewer");
        assertThat(got.get(1).json().get("reason").asText()).isEqualTo("used_up");
        assertThat(got.get(2).json().get("reason").asText()).isEqualTo("revoked");
        assertThat(got.get(3).json().get("inviteId").isNull()).isTrue();
        // nothing delivered twice when every outcome was recorded
        assertThat(got).extracting(d -> d.json().get("id").asText()).doesNotHaveDuplicates();

        Map<String, Double> after = MetricsIT.scrape(server);
        assertThat(delta(before, after, "media_invites_webhooks_delivered_total{event=\"invite.redeemed\"")).isEqualTo(1.0);
        assertThat(delta(before, after, "media_invites_webhooks_delivered_total{event=\"media.deleted\"")).isEqualTo(1.0);
    }

    @Test
    void aFailingReceiverGetsRetriesWithTheSameEventIdAndOrderHolds() {
        Map<String, Double> before = MetricsIT.scrape(server);
        receiver.failNext(3);
        Reply first = issue();
        Reply second = issue();
        assertThat(api.post("/invites/" + first.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        assertThat(api.post("/invites/" + second.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);

        List<Delivery> ok = receiver.await(d -> d.accepted() && d.body().contains(mediaId), 2, Duration.ofSeconds(40));
        assertThat(ok).extracting(d -> d.json().get("inviteId").asText())
                .containsExactly(first.text("id"), second.text("id"));
        List<Delivery> attempts = receiver.all(d -> d.body().contains(first.text("id")));
        assertThat(attempts).hasSize(4); // three refused with 503, then accepted
        assertThat(attempts).extracting(d -> d.json().get("id").asText()).containsOnly(ok.get(0).json().get("id").asText());
        // back-off: the gaps between attempts grow
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()).toMillis());
        }
        assertThat(gaps.get(2)).isGreaterThan(gaps.get(0));

        Map<String, Double> after = MetricsIT.scrape(server);
        assertThat(delta(before, after, "media_invites_webhooks_failed_total{event=\"invite.revoked\"")).isEqualTo(3.0);
        assertThat(delta(before, after, "media_invites_webhooks_delivered_total{event=\"invite.revoked\"")).isEqualTo(2.0);

        JsonNode delivered = adminEvents("delivered");
        assertThat(delivered.toString()).contains(ok.get(0).json().get("id").asText());
        for (JsonNode e : delivered) {
            if (e.get("id").asText().equals(ok.get(0).json().get("id").asText())) {
                assertThat(e.get("attempts").asInt()).isEqualTo(4);
                assertThat(e.get("status").asText()).isEqualTo("delivered");
            }
        }
    }

    @Test
    void anEndpointThatIsNotAllowedIsMarkedFailedInTheAdminApi() {
        configureWebhook("http://media.example.com/hooks", SECRET); // http to a non-loopback host
        Reply invite = issue();
        assertThat(api.post("/invites/" + invite.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        JsonNode failed = awaitAdmin("failed", invite.text("id"), Duration.ofSeconds(20));
        assertThat(failed.get("lastError").asText()).isEqualTo("invalid_url");
        assertThat(failed.get("type").asText()).isEqualTo("invite.revoked");
        assertThat(failed.toString()).doesNotContain(SECRET);
        Reply bad = new AdminApi(server).get("/admin/realms/media/media-invites/webhooks?status=nope");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("invalid_request");
        // a user of the realm without view-realm (the inviter, say) does not see the app's webhook events
        String inviter = fixtures.user("hook-nosy");
        AdminApi admin = new AdminApi(server);
        Reply nosy = admin.get("/admin/realms/media/media-invites/webhooks", admin.userToken("media", inviter, inviter));
        assertThat(nosy.status()).as(nosy.toString()).isEqualTo(403);
        assertThat(nosy.error()).isEqualTo("forbidden");
        assertThat(admin.get("/admin/realms/media/media-invites/webhooks",
                admin.userToken("media", "media-admin", "media-admin")).status()).isEqualTo(200);
    }

    @Test
    void nothingIsLostWhenKeycloakIsKilledWhileTheReceiverIsDown() throws IOException {
        Assumptions.assumeTrue(server instanceof DistributionServer, "needs the distribution runtime");
        receiver.stop(); // down: connections refused
        Reply invite = issue();
        String id = invite.text("id");
        assertThat(api.post("/invites/" + id + "/revoke", ownerToken, null).status()).isEqualTo(200);
        // the event is committed with the revocation, and not delivered (two attempts failed): kill Keycloak now
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (awaitAdmin("pending", id, Duration.ofSeconds(10)).get("attempts").asInt() < 2
                && Instant.now().isBefore(deadline)) {
            Fixtures.sleep(200);
        }
        // embedded H2 writes committed transactions to its file up to a second later (its write delay): give it that
        // second, which a crash on PostgreSQL would not need
        Fixtures.sleep(2_000);
        ((DistributionServer) server).killAndRestart();
        receiver = Receiver.start(receiver.port());
        List<Delivery> got;
        try {
            got = receiver.await(d -> d.body().contains(id), 1, Duration.ofSeconds(60));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; pending after the restart: " + adminEvents("pending")
                    + "; failed: " + adminEvents("failed"), e);
        }
        assertThat(got.get(0).json().get("type").asText()).isEqualTo("invite.revoked");
        assertThat(got.get(0).validSignature(SECRET)).isTrue();
    }

    private Reply issue() {
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken,
                IssuanceIT.invite(Fixtures.unique("hook") + "@example.com"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    private void configureWebhook(String url, String secret) {
        ClientRepresentation app = fixtures.realm().clients().findByClientId(Api.APP).get(0);
        ClientResource resource = fixtures.realm().clients().get(app.getId());
        ClientRepresentation rep = resource.toRepresentation();
        Map<String, String> attributes = new java.util.HashMap<>(rep.getAttributes());
        attributes.put("media-invites.webhook.url", url);
        attributes.put("media-invites.webhook.secret", secret);
        rep.setAttributes(attributes);
        resource.update(rep);
    }

    private JsonNode adminEvents(String status) {
        Reply reply = new AdminApi(server).get("/admin/realms/media/media-invites/webhooks?max=200&status=" + status);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.body();
    }

    private JsonNode awaitAdmin(String status, String inviteId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode e : adminEvents(status)) {
                if (inviteId.equals(e.path("inviteId").asText())) {
                    return e;
                }
            }
            Fixtures.sleep(300);
        }
        throw new AssertionError("no " + status + " webhook event for invite " + inviteId);
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String prefix) {
        return sum(after, prefix) - sum(before, prefix);
    }

    private static double sum(Map<String, Double> metrics, String prefix) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** One request the receiver got. */
    record Delivery(Instant at, Map<String, String> headers, String body, boolean accepted) {

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }

        /** Stripe-style check, written here from the documented scheme: t=<seconds>,v1=hex(HMAC-SHA256(t.body)). */
        boolean validSignature(String secret) {
            String header = header("X-Media-Invites-Signature");
            if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
                return false;
            }
            String t = header.substring(2, header.indexOf(','));
            String v1 = header.substring(header.indexOf("v1=") + 3);
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.US_ASCII);
                return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A webhook receiver on a free loopback port; answers 204, or 503 while told to fail. */
    static final class Receiver {
        private final HttpServer http;
        private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();

        private Receiver(HttpServer http) {
            this.http = http;
        }

        static Receiver start() throws IOException {
            return start(0);
        }

        static Receiver start(int port) throws IOException {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            Receiver receiver = new Receiver(http);
            http.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
                boolean fail = receiver.failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                receiver.deliveries.add(new Delivery(Instant.now(), headers, body, !fail));
                exchange.sendResponseHeaders(fail ? 503 : 204, -1);
                exchange.close();
            });
            http.start();
            return receiver;
        }

        int port() {
            return http.getAddress().getPort();
        }

        String url() {
            return "http://127.0.0.1:" + port() + "/hook";
        }

        void failNext(int n) {
            failures.set(n);
        }

        void stop() {
            http.stop(0);
        }

        List<Delivery> all(Predicate<Delivery> filter) {
            return deliveries.stream().filter(filter).toList();
        }

        /** The accepted deliveries matching {@code filter}, once there are {@code count} of them. */
        List<Delivery> await(Predicate<Delivery> filter, int count, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                List<Delivery> got = all(filter.and(Delivery::accepted));
                if (got.size() >= count) {
                    Fixtures.sleep(1500); // nothing more should follow
                    return all(filter.and(Delivery::accepted));
                }
                Fixtures.sleep(200);
            }
            throw new AssertionError("got " + all(filter) + " of " + count + " expected deliveries");
        }
    }
}
