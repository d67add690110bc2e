package io.mediainvites.it;

import static io.mediainvites.it.LinkReissueIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.it.support.AdminApi;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestSettings;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** S13: however malformed the request or the stored configuration, a clear 4xx JSON error, never a 500. */
@KeycloakIT
class HardeningIT {

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
        owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
    }

    @Test
    void malformedAuthorizationHeadersAreA401WithAChallenge() {
        List<List<String>> headers = List.of(List.of("Bearer"), List.of("Bearer "), List.of("Basic Zm9v"),
                List.of("Token x"), List.of("Bearer a b"), List.of("Bearer " + ownerToken, "Bearer " + ownerToken),
                List.of("Bearer \u00e9t\u00e9"), List.of("bearer"), List.of(""));
        List<String> paths = List.of("/capabilities", "/media/" + mediaId, "/media/" + mediaId + "/invites",
                "/media/" + mediaId + "/invitees?prefix=abc", "/invites/x");
        for (List<String> values : headers) {
            for (String path : paths) {
                HttpRequest.Builder request = api.request(path, null).GET();
                values.forEach(v -> request.header("Authorization", v));
                Reply reply = api.send(request);
                assertError(reply, 401, "not_authenticated");
                assertThat(reply.raw().headers().firstValue("WWW-Authenticate")).as(values + " " + path)
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm=\"media\""));
            }
        }
        Reply none = api.get("/capabilities", null);
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"media\"");
        Reply invalid = api.get("/capabilities", "eyJhbGciOiJub25lIn0.e30.");
        assertThat(invalid.raw().headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void wrongContentTypesAndBrokenJsonAreA400() {
        String path = "/media/" + mediaId + "/invites";
        String body = Api.json(IssuanceIT.invite(Fixtures.unique("ct") + "@example.com"));
        for (String type : List.of("application/json, text/plain", "text/plain", "application/xml",
                "application/json; charset=latin1", "application/x-www-form-urlencoded", ";;;", "application/json;")) {
            Reply reply = api.send(api.request(path, ownerToken).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertError(reply, 400, "invalid_content_type");
        }
        Reply noType = api.send(api.request(path, ownerToken).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertError(noType, 400, "invalid_content_type");
        for (String broken : List.of("{", "[]", "null", "\"x\"", "{\"email\": [1]}", "{\"useLimit\": 1e400}",
                "{\"lifetimeSeconds\": 99999999999999999999999}", "\u0000")) {
            assertError(api.post(path, ownerToken, broken), 400, "invalid_json");
        }
        assertError(api.send(api.request("/media/" + mediaId, appToken).header("Content-Type", "application/json, text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(Api.json(IssuanceIT.media("video", owner, "owner"))))),
                400, "invalid_content_type");
        assertThat(api.get(path, ownerToken).body()).as("nothing was written").isEmpty();
    }

    @Test
    void outOfRangeTimesNameTheirField() {
        Map<String, Object> live = IssuanceIT.media("webcast", owner, "owner");
        live.put("startsAt", "+1000000000-01-01T00:00:00Z");
        Reply far = api.put("/media/" + Fixtures.unique("w"), appToken, live);
        assertError(far, 400, "invalid_schedule");
        assertThat(far.text("field")).isEqualTo("startsAt");
        live.put("startsAt", "2030-01-01T10:00:00Z");
        live.put("endsAt", "+999999999-12-31T23:59:59Z");
        Reply farEnd = api.put("/media/" + Fixtures.unique("w"), appToken, live);
        assertError(farEnd, 400, "invalid_schedule");
        assertThat(farEnd.text("field")).isEqualTo("endsAt");
    }

    @Test
    void nullBytesInIdsAndTextsAreRefusedOnEveryDatabase() {
        assertError(api.get("/invites/%00", ownerToken), 404, "invite_not_found");
        assertError(api.post("/invites/a%00b/revoke", ownerToken, null), 404, "invite_not_found");
        Map<String, Object> media = IssuanceIT.media("video", owner, "owner");
        media.put("title", "a\u0000b");
        assertError(api.put("/media/" + Fixtures.unique("nul"), appToken, media), 400, "invalid_request");
        Map<String, Object> byRef = IssuanceIT.media("video", "own\u0000er", "owner");
        assertError(api.put("/media/" + Fixtures.unique("nul"), appToken, byRef), 400, "invalid_request");
    }

    @Test
    void concurrentWritesOfOneEntryAreConflictsNeverServerErrors() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = Fixtures.unique("race");
            assertThat(api.put("/media/" + id, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
            List<Callable<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Map<String, Object> body = IssuanceIT.media("video", owner, i % 2 == 0 ? "owner" : "co-owner");
                body.put("title", "Title " + i);
                calls.add(i % 5 == 4 ? () -> api.delete("/media/" + id, appToken) : () -> api.put("/media/" + id, appToken, body));
            }
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                for (Future<Reply> f : pool.invokeAll(calls)) {
                    Reply r = f.get();
                    assertThat(r.status()).as(r.toString()).isIn(200, 201, 404, 409);
                    if (r.status() == 409) {
                        assertError(r, 409, "conflict");
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void policyDomainsWithControlCharactersAreRefusedNotTrimmed() {
        AdminApi admin = new AdminApi(server);
        String token = admin.userToken("media", "media-admin", "media-admin");
        String before = admin.getPolicy("media", token).raw().body();
        for (String domain : List.of("\u0000.example", "example.com\u0000", "\u0007spam.example", "bad\u001f.example")) {
            Reply refused = admin.putPolicy("media", token, Map.of("blockedDomains", List.of("blocked.example", domain)));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_policy");
            assertThat(refused.text("field")).isEqualTo("blockedDomains");
        }
        assertThat(admin.getPolicy("media", token).raw().body()).isEqualTo(before);
        Reply compound = api.send(HttpRequest.newBuilder(URI.create(admin.policyUrl("media")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json, text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertError(compound, 400, "invalid_content_type");
    }

    @Test
    void anInvalidStoredPolicyIsNamedByTheApiAndLoggedOnce() throws IOException {
        String value = "not-a-number-" + Fixtures.unique("v");
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", value), () -> {
            for (int i = 0; i < 3; i++) {
                Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken,
                        IssuanceIT.invite(Fixtures.unique("p") + "@example.com"));
                assertError(reply, 400, "invalid_policy");
                assertThat(reply.text("field")).isEqualTo("useLimit");
                assertThat(reply.text("error_description")).contains("mediaInvites.useLimit");
                assertError(api.get("/capabilities", ownerToken), 400, "invalid_policy");
            }
        });
        assertThat(api.get("/capabilities", ownerToken).status()).isEqualTo(200);
        Path log = TestSettings.fromSystemProperties().workDir().resolve("keycloak.log");
        if (!TestSettings.fromSystemProperties().testcontainersRequested()) {
            long lines = Files.readAllLines(log).stream()
                    .filter(l -> l.contains("invalid invite policy attribute mediaInvites.useLimit")).count();
            // one line for this value (earlier tests may have logged other invalid values)
            assertThat(Files.readString(log).split(java.util.regex.Pattern.quote(value), -1).length - 1)
                    .as("logged once, not per request").isEqualTo(1);
            assertThat(lines).isPositive();
        }
    }

    @Test
    void aMalformedRedeemFormIsA400AndLosesNothing() {
        Reply invite = api.post("/media/" + mediaId + "/invites", ownerToken,
                IssuanceIT.invite(Fixtures.unique("form") + "@example.com"));
        WebSession browser = new WebSession();
        Page landing = browser.get(invite.text("link"));
        String action = RedemptionIT.action(landing);
        for (String body : List.of("%%%", "nonce=%zz", "=&=&&", "%")) {
            Page refused = browser.postRaw(action, "application/x-www-form-urlencoded", body);
            assertThat(refused.status()).as(body + ": " + refused).isEqualTo(400);
        }
        Page json = browser.postRaw(action, "application/json, text/plain", "{}");
        assertThat(json.status()).isEqualTo(400);
        Page anonymous = new WebSession().postRaw(server.realmUrl("media") + "/media-invite/redeem",
                "application/x-www-form-urlencoded", "%%%");
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(400);
        // the page is still redeemable with a proper form
        assertThat(RedemptionIT.codeFrom(browser.follow(RedemptionIT.redeem(browser, landing), RedemptionIT.APP_URL)))
                .isNotBlank();
    }
}
