package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.WebSession;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** O9: {@code POST /media/{id}/invites/batch}, JSON and CSV, one result per row through the rules of a single create. */
@KeycloakIT
class BatchIT {

    private KeycloakServer server;
    private Api api;
    private Fixtures fixtures;
    private String appToken;
    private String owner;
    private String ownerToken;
    private String mediaId;

    @BeforeEach
    void setUp(KeycloakServer server) {
        this.server = server;
        api = new Api(server);
        fixtures = new Fixtures(server);
        appToken = api.serviceAccountToken();
        owner = fixtures.user("batch-owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
    }

    @Test
    void everyRowGetsTheAnswerOfASingleCreateInInputOrder() {
        String ina = Fixtures.unique("b-ina") + "@example.com";
        String bo = Fixtures.unique("b-bo") + "@example.com";
        Map<String, Object> moderator = IssuanceIT.invite(Fixtures.unique("b-mod") + "@example.com");
        moderator.put("role", "moderator"); // not for a video
        Map<String, Object> tooLong = IssuanceIT.invite(Fixtures.unique("b-long") + "@example.com");
        tooLong.put("lifetimeSeconds", 10_000_000);
        Reply reply = api.post("/media/" + mediaId + "/invites/batch", ownerToken, Map.of("invites", List.of(
                IssuanceIT.invite(ina), IssuanceIT.invite("not-an-address"), moderator, IssuanceIT.invite(bo),
                IssuanceIT.invite(ina), IssuanceIT.invite(Fixtures.unique("b") + "@blocked.example"), tooLong)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body().get("dryRun").asBoolean()).isFalse();
        assertThat(reply.body().get("created").asInt()).isEqualTo(2);
        assertThat(reply.body().get("failed").asInt()).isEqualTo(5);
        JsonNode rows = reply.body().get("results");
        assertThat(rows).hasSize(7);
        for (int i = 0; i < 7; i++) {
            assertThat(rows.get(i).get("row").asInt()).isEqualTo(i + 1);
        }
        JsonNode first = rows.get(0);
        assertThat(first.get("status").asText()).isEqualTo("created");
        assertThat(first.get("invite").get("email").asText()).isEqualTo(ina);
        assertThat(first.get("invite").get("link").asText()).contains("/login-actions/action-token?key=");
        assertError(rows.get(1), "invalid_email", "email");
        assertError(rows.get(2), "role_not_allowed", "role");
        assertThat(rows.get(3).get("status").asText()).isEqualTo("created");
        // the same e-mail twice in one batch: the second is the duplicate a second single create would be
        assertError(rows.get(4), "invite_pending_exists", null);
        assertThat(rows.get(4).get("invite_id").asText()).isEqualTo(first.get("invite").get("id").asText());
        assertError(rows.get(5), "domain_blocked", null);
        assertError(rows.get(6), "lifetime_exceeds_policy", "lifetimeSeconds");

        assertThat(api.get("/media/" + mediaId + "/invites", ownerToken).body()).hasSize(2);
        WebSession browser = new WebSession();
        WebSession.Page landing = browser.get(rows.get(3).get("invite").get("link").asText());
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.body()).contains("You are invited");
    }

    @Test
    void aDryRunValidatesLikeTheRealRunAndWritesNothing() {
        String existing = Fixtures.unique("d-old") + "@example.com";
        assertThat(api.post("/media/" + mediaId + "/invites", ownerToken, IssuanceIT.invite(existing)).status()).isEqualTo(201);
        String fresh = Fixtures.unique("d-new") + "@example.com";
        Reply reply = api.post("/media/" + mediaId + "/invites/batch", ownerToken, Map.of("dryRun", true, "invites", List.of(
                IssuanceIT.invite(fresh), IssuanceIT.invite(existing), IssuanceIT.invite(fresh), IssuanceIT.invite("x@"))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body().get("dryRun").asBoolean()).isTrue();
        assertThat(reply.body().get("valid").asInt()).isEqualTo(1);
        JsonNode rows = reply.body().get("results");
        assertThat(rows.get(0).get("status").asText()).isEqualTo("valid");
        assertThat(rows.get(0).get("email").asText()).isEqualTo(fresh);
        assertThat(rows.get(0).has("invite")).isFalse();
        assertError(rows.get(1), "invite_pending_exists", null);
        assertError(rows.get(2), "invite_pending_exists", null); // within the batch, as the real run finds it
        assertError(rows.get(3), "invalid_email", "email");

        assertThat(api.get("/media/" + mediaId + "/invites", ownerToken).body()).hasSize(1);
        assertThat(fixtures.realm().users().searchByEmail(fresh, true)).isEmpty(); // no guest account either
    }

    @Test
    void csvWithAHeaderRowAndAServiceAccountNamingTheInviter() {
        String a = Fixtures.unique("c-a") + "@example.com";
        String b = Fixtures.unique("c-b") + "@example.com";
        String csv = "email,firstName,lastName,useLimit\r\n"
                + a + ",Ada,\"Lovelace, Countess\",1\r\n"
                + b + ",Bob,Builder,\r\n"
                + "broken,C,C,1\r\n"
                + Fixtures.unique("c-c") + "@example.com,Cy,Cee,lots\r\n";
        Reply reply = postCsv("?inviter=" + owner + "&redirectUri=http://localhost:3000/media", appToken, csv);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode rows = reply.body().get("results");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("invite").get("lastName").asText()).isEqualTo("Lovelace, Countess");
        assertThat(rows.get(0).get("invite").get("inviter").get("username").asText()).isEqualTo(owner);
        assertThat(rows.get(1).get("invite").get("email").asText()).isEqualTo(b);
        assertError(rows.get(2), "invalid_email", "email");
        assertError(rows.get(3), "invalid_request", "useLimit");

        // the columns may come in any order and case; a row's own redirectUri wins over the default
        Reply dry = postCsv("?dryRun=true&inviter=" + owner, appToken,
                "LastName,redirectUri,email,FIRSTNAME\nD,http://localhost:3000/media," + Fixtures.unique("c-d") + "@example.com,D\n");
        assertThat(dry.body().get("dryRun").asBoolean()).isTrue();
        assertThat(dry.body().get("results").get(0).get("status").asText()).as(dry.toString()).isEqualTo("valid");
        assertThat(api.get("/media/" + mediaId + "/invites", ownerToken).body()).hasSize(2);
    }

    @Test
    void oversizedBatchesAndBadHeadersAreRefusedWholeAndWriteNothing() {
        List<Map<String, Object>> many = new ArrayList<>();
        StringBuilder csv = new StringBuilder("email,firstName,lastName\n");
        for (int i = 0; i < 101; i++) {
            String email = Fixtures.unique("many" + i) + "@example.com";
            many.add(IssuanceIT.invite(email));
            csv.append(email).append(",M,N\n");
        }
        Reply tooMany = api.post("/media/" + mediaId + "/invites/batch", ownerToken, Map.of("invites", many));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error()).isEqualTo("batch_too_large");
        assertThat(tooMany.text("error_description")).contains("at most 100");
        assertThat(postCsv("", ownerToken, csv.toString()).error()).isEqualTo("batch_too_large");

        Map<String, Object> huge = new LinkedHashMap<>(IssuanceIT.invite(Fixtures.unique("huge") + "@example.com"));
        huge.put("padding", "x".repeat(200 * 1024));
        Reply tooBig = api.post("/media/" + mediaId + "/invites/batch", ownerToken, Map.of("invites", List.of(huge)));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.error()).isEqualTo("batch_too_large");

        Reply badHeader = postCsv("", ownerToken, "mail,firstName,lastName\n" + Fixtures.unique("h") + "@example.com,A,B\n");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.error()).isEqualTo("invalid_csv");
        assertThat(badHeader.text("field")).isEqualTo("header");
        assertThat(badHeader.text("error_description")).contains("Unknown column 'mail'");

        assertThat(api.get("/media/" + mediaId + "/invites", ownerToken).body()).isEmpty();
    }

    @Test
    void callersWhoMayNotInviteGetNothing() {
        String stranger = fixtures.user("batch-stranger");
        Reply reply = api.post("/media/" + mediaId + "/invites/batch", api.passwordToken(stranger, stranger),
                Map.of("invites", List.of(IssuanceIT.invite(Fixtures.unique("s") + "@example.com"))));
        assertThat(reply.status()).isEqualTo(200);
        assertError(reply.body().get("results").get(0), "forbidden", null);
        assertThat(api.post("/media/" + mediaId + "/invites/batch", null, Map.of("invites", List.of())).status())
                .isEqualTo(401);
        assertThat(api.get("/media/" + mediaId + "/invites", ownerToken).body()).isEmpty();
    }

    private Reply postCsv(String query, String token, String csv) {
        return api.send(api.request("/media/" + mediaId + "/invites/batch" + query, token)
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    private static void assertError(JsonNode row, String error, String field) {
        assertThat(row.get("status").asText()).as(row.toString()).isEqualTo("error");
        assertThat(row.get("error").asText()).as(row.toString()).isEqualTo(error);
        assertThat(row.get("error_description").asText()).isNotBlank();
        if (field != null) {
            assertThat(row.get("field").asText()).isEqualTo(field);
        }
        assertThat(row.has("invite")).isFalse();
    }
}
