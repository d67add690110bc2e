package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestSmtp;
import io.mediainvites.it.support.WebSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * O8: after a scripted set of actions, the management port's {@code /metrics} shows exactly the expected
 * increments of the extension's meters, and no other of its series moved.
 */
@KeycloakIT
class MetricsIT {

    private static final Pattern SAMPLE = Pattern.compile("^(media_invites_[a-z_]+)(\\{[^}]*\\})?\\s+(\\S+)$");

    @Test
    void scriptedActionsShowExactlyTheirIncrements(KeycloakServer server) throws Exception {
        Api api = new Api(server);
        Fixtures fixtures = new Fixtures(server);
        String appToken = api.serviceAccountToken();
        String owner = fixtures.user("metrics-owner");
        String ownerToken = api.passwordToken(owner, owner);
        String video = Fixtures.unique("video");
        String webcast = Fixtures.unique("webcast");
        assertThat(api.put("/media/" + video, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
        Map<String, Object> live = IssuanceIT.media("webcast", owner, "owner");
        live.put("startsAt", Instant.now().minusSeconds(60).toString());
        assertThat(api.put("/media/" + webcast, appToken, live).status()).isEqualTo(201);

        Map<String, Double> before = scrape(server);

        // issued: 2 video viewers, 1 webcast speaker; a refused create counts nothing
        Reply redeemed = issue(api, ownerToken, video, IssuanceIT.invite(Fixtures.unique("m-red") + "@example.com"));
        Reply revoked = issue(api, ownerToken, video, IssuanceIT.invite(Fixtures.unique("m-rev") + "@example.com"));
        Map<String, Object> speaker = IssuanceIT.invite(Fixtures.unique("m-spk") + "@example.com");
        speaker.put("role", "speaker");
        issue(api, ownerToken, webcast, speaker);
        assertThat(api.post("/media/" + video + "/invites", ownerToken, IssuanceIT.invite("not-an-address")).status())
                .isEqualTo(400);

        // redeemed once (one timed POST), then the same single-use link is refused as used_up
        WebSession browser = new WebSession();
        RedemptionIT.codeFrom(browser.follow(RedemptionIT.redeem(browser, browser.get(redeemed.text("link"))),
                RedemptionIT.APP_URL));
        assertThat(new WebSession().get(redeemed.text("link")).status()).isEqualTo(400);
        // revoked, then opened: refused as revoked (opening a good link counts nothing)
        assertThat(api.post("/invites/" + revoked.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        assertThat(new WebSession().get(revoked.text("link")).status()).isEqualTo(400);

        // one e-mail sent (a 4th issued invite), one failed on an unreachable SMTP server
        String mailed;
        try (TestSmtp smtp = TestSmtp.startFor(server)) {
            Map<String, Object> withMail = IssuanceIT.invite(Fixtures.unique("m-mail") + "@example.com");
            withMail.put("sendEmail", true);
            Reply sent = issue(api, ownerToken, video, withMail);
            assertThat(sent.body().get("emailDelivery").get("status").asText()).isEqualTo("sent");
            mailed = sent.text("id");
            withSmtp(fixtures, TestSmtp.config(closedPort()), () -> {
                Reply failed = api.post("/invites/" + mailed + "/email", ownerToken, null);
                assertThat(failed.body().get("emailDelivery").get("status").asText()).as(failed.toString())
                        .isEqualTo("failed");
            });
        }

        Map<String, Double> after = scrape(server);
        Map<String, Double> increments = new TreeMap<>();
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double delta = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (delta != 0 && !e.getKey().startsWith("media_invites_redemption_seconds_sum")
                    && !e.getKey().startsWith("media_invites_redemption_seconds_max")) {
                increments.put(e.getKey(), delta);
            }
        }
        assertThat(increments).containsExactlyInAnyOrderEntriesOf(Map.of(
                "media_invites_issued_total{media_type=\"video\",role=\"viewer\"}", 3.0,
                "media_invites_issued_total{media_type=\"webcast\",role=\"speaker\"}", 1.0,
                "media_invites_redeemed_total{role=\"viewer\"}", 1.0,
                "media_invites_refused_total{reason=\"used_up\"}", 1.0,
                "media_invites_refused_total{reason=\"revoked\"}", 1.0,
                "media_invites_emails_sent_total", 1.0,
                "media_invites_emails_failed_total{error=\"smtp_unreachable\"}", 1.0,
                "media_invites_redemption_seconds_count", 1.0));
        assertThat(after.get("media_invites_redemption_seconds_sum"))
                .isGreaterThan(before.getOrDefault("media_invites_redemption_seconds_sum", 0.0));
        // bounded tags: no series carries an id or an address
        assertThat(after.keySet()).noneMatch(k -> k.contains("@") || k.contains(video) || k.contains(mailed));
    }

    private static Reply issue(Api api, String token, String media, Map<String, Object> body) {
        Reply reply = api.post("/media/" + media + "/invites", token, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    /** The extension's series on the management port's Prometheus endpoint: name{labels} to value. */
    static Map<String, Double> scrape(KeycloakServer server) {
        Reply reply = new Api(server).send(HttpRequest.newBuilder(URI.create(server.managementUrl() + "/metrics")).GET());
        assertThat(reply.status()).as("GET /metrics").isEqualTo(200);
        Map<String, Double> series = new HashMap<>();
        for (String line : reply.raw().body().split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (m.matches()) {
                series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return series;
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void withSmtp(Fixtures fixtures, Map<String, String> config, Runnable body) {
        RealmRepresentation rep = fixtures.realm().toRepresentation();
        Map<String, String> previous = rep.getSmtpServer();
        rep.setSmtpServer(config);
        fixtures.realm().update(rep);
        try {
            body.run();
        } finally {
            RealmRepresentation back = fixtures.realm().toRepresentation();
            back.setSmtpServer(previous);
            fixtures.realm().update(back);
        }
    }
}
