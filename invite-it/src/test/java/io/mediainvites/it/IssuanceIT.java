package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;

/** Media registration and invite issuance through /realms/media/media-invites, as a media app uses it. */
@KeycloakIT
class IssuanceIT {

    private Api api;
    private Fixtures fixtures;
    private String appToken;
    private String owner;
    private String ownerToken;
    private String mediaId;

    @BeforeEach
    void setUp(KeycloakServer server) {
        api = new Api(server);
        fixtures = new Fixtures(server);
        appToken = api.serviceAccountToken();
        owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        Reply created = api.put("/media/" + mediaId, appToken, media("video", owner, "owner"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    // ---- media registry (M1-M5) -------------------------------------------------------------

    @Test
    void registeringIsIdempotentAndReadableByCollaborators() {
        Reply again = api.put("/media/" + mediaId, appToken, media("video", owner, "owner"));
        assertThat(again.status()).isEqualTo(200);
        Reply read = api.get("/media/" + mediaId, ownerToken);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("type")).isEqualTo("video");
        assertThat(read.body().get("live").asBoolean()).isFalse();
        assertThat(read.body().get("collaborators").get(0).get("username").asText()).isEqualTo(owner);
        assertThat(read.body().get("collaborators").get(0).get("role").asText()).isEqualTo("owner");
    }

    @Test
    void liveMediaNeedsAStartAndAValidSchedule() {
        String live = Fixtures.unique("webcast");
        Map<String, Object> noStart = media("webcast", owner, "owner");
        assertError(api.put("/media/" + live, appToken, noStart), 400, "invalid_schedule");

        Map<String, Object> backwards = media("webcast", owner, "owner");
        backwards.put("startsAt", "2030-01-01T10:00:00Z");
        backwards.put("endsAt", "2030-01-01T09:00:00Z");
        assertError(api.put("/media/" + live, appToken, backwards), 400, "invalid_schedule");

        Map<String, Object> badTime = media("webcast", owner, "owner");
        badTime.put("startsAt", "tomorrow");
        assertError(api.put("/media/" + live, appToken, badTime), 400, "invalid_schedule");

        Map<String, Object> ok = media("webcast", owner, "owner");
        ok.put("startsAt", "2030-01-01T10:00:00Z");
        ok.put("endsAt", "2030-01-01T11:00:00Z");
        Reply created = api.put("/media/" + live, appToken, ok);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("live").asBoolean()).isTrue();
        assertThat(created.text("startsAt")).isEqualTo("2030-01-01T10:00:00Z");
    }

    @Test
    void badMediaInputIsAClearFourHundred() {
        String id = Fixtures.unique("m");
        assertError(api.put("/media/" + id, appToken, media("hologram", owner, "owner")), 400, "unknown_media_type");
        assertError(api.put("/media/" + id, appToken, "{\"type\": \"video\", "), 400, "invalid_json");
        assertError(api.put("/media/" + id, appToken, "{\"type\": [1,2]}"), 400, "invalid_json");
        assertError(api.put("/media/" + id, appToken, media("video", "nobody-" + id, "owner")), 400, "invalid_request");
        assertError(api.put("/media/" + id, appToken, media("video", owner, "janitor")), 400, "invalid_request");
        Map<String, Object> noTitle = media("video", owner, "owner");
        noTitle.remove("title");
        assertError(api.put("/media/" + id, appToken, noTitle), 400, "invalid_request");
        // nothing was written by any of these
        assertThat(api.get("/media/" + id, appToken).status()).isEqualTo(404);
    }

    @Test
    void onlyTheAppServiceAccountRegistersMedia() {
        Reply byUser = api.put("/media/" + Fixtures.unique("m"), ownerToken, media("video", owner, "owner"));
        assertError(byUser, 403, "forbidden");
    }

    @Test
    void unknownMediaIsNotFound() {
        assertError(api.get("/media/" + Fixtures.unique("none"), appToken), 404, "media_not_found");
        assertError(api.post("/media/" + Fixtures.unique("none") + "/invites", ownerToken, invite("a@example.com")),
                404, "media_not_found");
    }

    // ---- authentication ----------------------------------------------------------------------

    @Test
    void missingOrInvalidTokensAreUnauthorized() {
        assertError(api.get("/media/" + mediaId, null), 401, "not_authenticated");
        assertError(api.get("/media/" + mediaId, "not-a-token"), 401, "not_authenticated");
        String tampered = ownerToken.substring(0, ownerToken.length() - 4) + "AAAA";
        assertError(api.post("/media/" + mediaId + "/invites", tampered, invite("x@example.com")), 401,
                "not_authenticated");
        assertError(api.get("/capabilities", null), 401, "not_authenticated");
    }

    // ---- issuing (I1-I5) ------------------------------------------------------------------

    @Test
    void collaboratorIssuesABoundLinkForANewGuest(KeycloakServer server) {
        String email = Fixtures.unique("guest") + "@Invitee.Example";
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, invite(email));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode body = reply.body();
        assertThat(body.get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(body.get("role").asText()).isEqualTo("viewer");
        assertThat(body.get("status").asText()).isEqualTo("pending");
        assertThat(body.get("useLimit").asInt()).isEqualTo(1);
        assertThat(body.get("useCount").asInt()).isZero();
        assertThat(body.get("emailDelivery").get("status").asText()).isEqualTo("not_requested");
        assertThat(body.get("inviter").get("username").asText()).isEqualTo(owner);
        Instant expires = Instant.parse(body.get("expiresAt").asText());
        // the demo realm's policy (realm-export.json) gives links 2 hours
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(119), Duration.ofHours(2));

        URI link = URI.create(body.get("link").asText());
        assertThat(link.getPath()).isEqualTo("/realms/media/login-actions/action-token");
        String key = URLDecoder.decode(link.getQuery().replaceFirst("^key=", ""), StandardCharsets.UTF_8);
        JsonNode claims = Api.claims(key);
        assertThat(claims.get("typ").asText()).isEqualTo("media-invite");
        assertThat(claims.get("jti").asText()).isEqualTo(body.get("id").asText());
        assertThat(claims.get("eml").asText()).isEqualTo(email.toLowerCase());
        assertThat(claims.get("mi_media").asText()).isEqualTo(mediaId);
        assertThat(claims.get("mi_role").asText()).isEqualTo("viewer");
        assertThat(claims.get("azp").asText()).isEqualTo("media-app");
        assertThat(claims.get("iss").asText()).isEqualTo(server.realmUrl("media"));
        // the invite row decides expiry; the token outlives it by a fixed grace (7 days) so that an
        // expired link still reaches the invite handler and its "expired" page
        assertThat(claims.get("exp").asLong()).isEqualTo(expires.getEpochSecond() + 7 * 24 * 3600);

        List<UserRepresentation> guests = fixtures.realm().users().searchByEmail(email.toLowerCase(), true);
        assertThat(guests).singleElement().satisfies(g -> {
            assertThat(g.getFirstName()).isEqualTo("Ina");
            assertThat(g.getLastName()).isEqualTo("Invitee");
            assertThat(claims.get("sub").asText()).isEqualTo(g.getId());
        });
        // the guest mark is an unmanaged attribute (hidden from the admin representation by the user
        // profile), so it is read from Keycloak's table where the database is reachable
        if (server.database() != null) {
            try (var c = server.database().connect();
                    var s = c.prepareStatement("select VALUE from USER_ATTRIBUTE where USER_ID = ? and NAME = ?")) {
                s.setString(1, guests.get(0).getId());
                s.setString(2, "mediaInvites.guest");
                try (var rs = s.executeQuery()) {
                    assertThat(rs.next()).as("guest attribute row").isTrue();
                    assertThat(rs.getString(1)).isEqualTo("true");
                }
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void existingUserIsTheTokenSubject() {
        String invitee = fixtures.user("member");
        String userId = fixtures.realm().users().search(invitee, true).get(0).getId();
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, invite(invitee + "@example.com"));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(claimsOf(reply).get("sub").asText()).isEqualTo(userId);
    }

    @Test
    void rolesFollowTheMediaType() {
        Map<String, Object> moderator = invite(Fixtures.unique("m") + "@example.com");
        moderator.put("role", "moderator");
        assertError(api.post("/media/" + mediaId + "/invites", ownerToken, moderator), 400, "role_not_allowed");

        String live = Fixtures.unique("webcast");
        Map<String, Object> webcast = media("webcast", owner, "owner");
        webcast.put("startsAt", "2030-01-01T10:00:00Z");
        assertThat(api.put("/media/" + live, appToken, webcast).status()).isEqualTo(201);
        for (String role : List.of("viewer", "moderator", "speaker")) {
            Map<String, Object> body = invite(Fixtures.unique(role) + "@example.com");
            body.put("role", role);
            Reply reply = api.post("/media/" + live + "/invites", ownerToken, body);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            assertThat(reply.text("role")).isEqualTo(role);
        }
        Map<String, Object> unknown = invite(Fixtures.unique("x") + "@example.com");
        unknown.put("role", "director");
        assertError(api.post("/media/" + live + "/invites", ownerToken, unknown), 400, "role_not_allowed");
    }

    @Test
    void badInviteInputIsAClearFourHundredAndWritesNothing() {
        String path = "/media/" + mediaId + "/invites";
        assertError(api.post(path, ownerToken, invite("not-an-email")), 400, "invalid_email");
        assertError(api.post(path, ownerToken, invite("two@@example.com")), 400, "invalid_email");
        Map<String, Object> blankName = invite(Fixtures.unique("n") + "@example.com");
        blankName.put("firstName", "   ");
        Reply blank = api.post(path, ownerToken, blankName);
        assertError(blank, 400, "invalid_name");
        assertThat(blank.text("field")).isEqualTo("firstName");
        Map<String, Object> longName = invite(Fixtures.unique("n") + "@example.com");
        longName.put("lastName", "x".repeat(101));
        assertError(api.post(path, ownerToken, longName), 400, "invalid_name");
        assertError(api.post(path, ownerToken, "{\"email\": "), 400, "invalid_json");
        assertError(api.post(path, ownerToken, ""), 400, "invalid_json");
        Map<String, Object> badRedirect = invite(Fixtures.unique("r") + "@example.com");
        badRedirect.put("redirectUri", "https://evil.example/steal");
        assertError(api.post(path, ownerToken, badRedirect), 400, "invalid_request");
        Map<String, Object> email = invite(Fixtures.unique("e") + "@example.com");
        email.put("sendEmail", true);
        assertError(api.post(path, ownerToken, email), 400, "email_not_available");

        // none of the refused requests created a guest account
        assertThat(fixtures.realm().users().searchByEmail((String) badRedirect.get("email"), true)).isEmpty();
        assertThat(fixtures.realm().users().searchByEmail((String) blankName.get("email"), true)).isEmpty();
    }

    @Test
    void internationalisedAddressesAreNormalised() {
        String local = Fixtures.unique("idn");
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, invite(local + "@Bücher.Example"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.text("email")).isEqualTo(local + "@xn--bcher-kva.example");
    }

    @Test
    void lifetimeAndUsesMayBeLessThanPolicyNeverMore() {
        String path = "/media/" + mediaId + "/invites";
        Map<String, Object> longer = invite(Fixtures.unique("l") + "@example.com");
        longer.put("lifetimeSeconds", 7201); // one second over the demo realm's 2 hours
        assertError(api.post(path, ownerToken, longer), 400, "lifetime_exceeds_policy");
        Map<String, Object> more = invite(Fixtures.unique("u") + "@example.com");
        more.put("useLimit", 3);
        assertError(api.post(path, ownerToken, more), 400, "use_limit_exceeds_policy");

        Map<String, Object> shorter = invite(Fixtures.unique("s") + "@example.com");
        shorter.put("lifetimeSeconds", 600);
        Reply ok = api.post(path, ownerToken, shorter);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(Duration.between(Instant.now(), Instant.parse(ok.text("expiresAt"))))
                .isBetween(Duration.ofSeconds(590), Duration.ofSeconds(601));

        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "5", "mediaInvites.linkLifetimeSeconds", "10800"),
                () -> {
                    Map<String, Object> three = invite(Fixtures.unique("t") + "@example.com");
                    three.put("useLimit", 3);
                    Reply r = api.post(path, ownerToken, three);
                    assertThat(r.status()).as(r.toString()).isEqualTo(201);
                    assertThat(r.body().get("useLimit").asInt()).isEqualTo(3);
                    Reply byDefault = api.post(path, ownerToken, invite(Fixtures.unique("d") + "@example.com"));
                    assertThat(byDefault.body().get("useLimit").asInt()).isEqualTo(5);
                    assertThat(Duration.between(Instant.now(), Instant.parse(byDefault.text("expiresAt"))))
                            .isBetween(Duration.ofMinutes(179), Duration.ofMinutes(180));
                    Map<String, Object> unlimited = invite(Fixtures.unique("n") + "@example.com");
                    unlimited.put("useLimit", -1);
                    assertError(api.post(path, ownerToken, unlimited), 400, "use_limit_exceeds_policy");
                });
    }

    @Test
    void domainRulesRefuseBlockedAndUnlistedDomains() {
        String path = "/media/" + mediaId + "/invites";
        // the demo realm's own policy (realm-export.json) blocks blocked.example
        assertError(api.post(path, ownerToken, invite(Fixtures.unique("b") + "@eu.blocked.example")), 403,
                "domain_blocked");
        fixtures.withRealmAttributes(Map.of("mediaInvites.blockedDomains", " Blocked.Example. , bücher.example"), () -> {
            assertError(api.post(path, ownerToken, invite(Fixtures.unique("b") + "@blocked.example")), 403,
                    "domain_blocked");
            assertError(api.post(path, ownerToken, invite(Fixtures.unique("b") + "@eu.BLOCKED.example")), 403,
                    "domain_blocked");
            assertError(api.post(path, ownerToken, invite(Fixtures.unique("b") + "@xn--bcher-kva.example")), 403,
                    "domain_blocked");
            assertThat(api.post(path, ownerToken, invite(Fixtures.unique("b") + "@notblocked.example")).status())
                    .isEqualTo(201);
        });
        fixtures.withRealmAttributes(Map.of("mediaInvites.allowedDomains", "partner.example"), () -> {
            assertError(api.post(path, ownerToken, invite(Fixtures.unique("a") + "@elsewhere.example")), 403,
                    "domain_not_allowed");
            assertThat(api.post(path, ownerToken, invite(Fixtures.unique("a") + "@team.partner.example")).status())
                    .isEqualTo(201);
        });
    }

    @Test
    void secondPendingInviteForTheSameEmailMediaAndRoleIsAConflict() {
        String email = Fixtures.unique("dup") + "@example.com";
        Reply first = api.post("/media/" + mediaId + "/invites", ownerToken, invite(email));
        assertThat(first.status()).isEqualTo(201);
        Reply second = api.post("/media/" + mediaId + "/invites", ownerToken, invite(email.toUpperCase()));
        assertError(second, 409, "invite_pending_exists");
        assertThat(second.text("invite_id")).isEqualTo(first.text("id"));

        // after revoking, a new one may be issued
        assertThat(api.post("/invites/" + first.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        assertThat(api.post("/media/" + mediaId + "/invites", ownerToken, invite(email)).status()).isEqualTo(201);
    }

    // ---- authorization (I1) -----------------------------------------------------------------

    @Test
    void nonCollaboratorsMayNotInviteNorRead() {
        String stranger = fixtures.user("stranger");
        String token = api.passwordToken(stranger, stranger);
        assertError(api.post("/media/" + mediaId + "/invites", token, invite("x@example.com")), 403, "forbidden");
        assertError(api.get("/media/" + mediaId, token), 403, "forbidden");
        assertError(api.get("/media/" + mediaId + "/invites", token), 403, "forbidden");
    }

    @Test
    void everyCollaboratorRoleMayInviteByDefault() {
        for (String role : List.of("co-owner", "co-editor", "co-publisher")) {
            String user = fixtures.user(role);
            String id = Fixtures.unique("m");
            Map<String, Object> body = media("video", owner, "owner");
            addCollaborator(body, user, role);
            assertThat(api.put("/media/" + id, appToken, body).status()).isEqualTo(201);
            Reply reply = api.post("/media/" + id + "/invites", api.passwordToken(user, user),
                    invite(Fixtures.unique("i") + "@example.com"));
            assertThat(reply.status()).as(role + ": " + reply).isEqualTo(201);
        }
    }

    @Test
    void realmInviterRuleNarrowsWhoMayInvite() {
        String editor = fixtures.user("editor");
        String permitted = fixtures.user("permitted", "media-inviter");
        String id = Fixtures.unique("m");
        Map<String, Object> body = media("video", owner, "owner");
        addCollaborator(body, editor, "co-editor");
        addCollaborator(body, permitted, "co-editor");
        assertThat(api.put("/media/" + id, appToken, body).status()).isEqualTo(201);
        fixtures.withRealmAttributes(Map.of("mediaInvites.inviterRole", "media-inviter"), () -> {
            assertError(api.post("/media/" + id + "/invites", api.passwordToken(editor, editor),
                    invite(Fixtures.unique("i") + "@example.com")), 403, "forbidden");
            assertThat(api.post("/media/" + id + "/invites", api.passwordToken(permitted, permitted),
                    invite(Fixtures.unique("i") + "@example.com")).status()).isEqualTo(201);
        });
        fixtures.withRealmAttributes(Map.of("mediaInvites.inviterUsers", editor), () ->
                assertThat(api.post("/media/" + id + "/invites", api.passwordToken(editor, editor),
                        invite(Fixtures.unique("i") + "@example.com")).status()).isEqualTo(201));
    }

    @Test
    void serviceAccountIssuesOnBehalfOfANamedPermittedInviter() {
        String path = "/media/" + mediaId + "/invites";
        Map<String, Object> body = invite(Fixtures.unique("sa") + "@example.com");
        assertError(api.post(path, appToken, body), 400, "invalid_request");

        String stranger = fixtures.user("stranger");
        body.put("inviter", stranger);
        assertError(api.post(path, appToken, body), 403, "forbidden");

        body.put("inviter", owner + "@example.com");
        Reply reply = api.post(path, appToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.body().get("inviter").get("username").asText()).isEqualTo(owner);
        assertThat(reply.body().get("inviter").get("issuedByClient").asText()).isEqualTo("media-app");
    }

    @Test
    void anotherAppNeverSeesThisAppsMediaOrInvites() throws Exception {
        String rival = Fixtures.unique("rival");
        String secret = rival + "-secret";
        org.keycloak.representations.idm.ClientRepresentation client = new org.keycloak.representations.idm.ClientRepresentation();
        client.setClientId(rival);
        client.setSecret(secret);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        fixtures.realm().clients().create(client).close();
        String rivalId = fixtures.realm().clients().findByClientId(rival).get(0).getId();
        org.keycloak.representations.idm.RoleRepresentation role = new org.keycloak.representations.idm.RoleRepresentation();
        role.setName("invite-manager");
        fixtures.realm().clients().get(rivalId).roles().create(role);
        String saId = fixtures.realm().clients().get(rivalId).getServiceAccountUser().getId();
        fixtures.realm().users().get(saId).roles().clientLevel(rivalId)
                .add(List.of(fixtures.realm().clients().get(rivalId).roles().get("invite-manager").toRepresentation()));
        String rivalToken = api.clientToken(rival, secret);

        Reply invite = api.post("/media/" + mediaId + "/invites", ownerToken, invite(Fixtures.unique("i") + "@example.com"));
        assertThat(invite.status()).isEqualTo(201);

        assertError(api.get("/media/" + mediaId, rivalToken), 404, "media_not_found");
        assertError(api.get("/invites/" + invite.text("id"), rivalToken), 404, "invite_not_found");
        assertError(api.post("/invites/" + invite.text("id") + "/revoke", rivalToken, null), 404, "invite_not_found");
        assertError(api.delete("/media/" + mediaId, rivalToken), 404, "media_not_found");
        // the same media id is a different entry for the rival app
        assertThat(api.put("/media/" + mediaId, rivalToken, media("audio", owner, "owner")).status()).isEqualTo(201);
        assertThat(api.get("/media/" + mediaId, appToken).text("type")).isEqualTo("video");
        // and media-app's service account, without invite-manager on the rival, cannot act there either
        assertThat(api.get("/invites/" + invite.text("id"), appToken).status()).isEqualTo(200);
    }

    @Test
    void serviceAccountWithoutInviteManagerRoleIsForbidden() {
        String id = fixtures.realm().clients().findByClientId("media-app").get(0).getId();
        String saId = fixtures.realm().clients().get(id).getServiceAccountUser().getId();
        var role = fixtures.realm().clients().get(id).roles().get("invite-manager").toRepresentation();
        fixtures.realm().users().get(saId).roles().clientLevel(id).remove(List.of(role));
        try {
            String token = api.serviceAccountToken();
            assertError(api.put("/media/" + Fixtures.unique("m"), token, media("video", owner, "owner")), 403,
                    "forbidden");
            Map<String, Object> body = invite(Fixtures.unique("x") + "@example.com");
            body.put("inviter", owner);
            assertError(api.post("/media/" + mediaId + "/invites", token, body), 403, "forbidden");
        } finally {
            fixtures.realm().users().get(saId).roles().clientLevel(id).add(List.of(role));
        }
    }

    // ---- list, read, revoke (I7), delete (M4) ----------------------------------------------

    @Test
    void listFiltersByStatusAndPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Reply r = api.post("/media/" + mediaId + "/invites", ownerToken, invite(Fixtures.unique("p" + i) + "@example.com"));
            ids.add(r.text("id"));
        }
        api.post("/invites/" + ids.get(0) + "/revoke", ownerToken, null);

        Reply all = api.get("/media/" + mediaId + "/invites", ownerToken);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).hasSize(5);
        JsonNode firstLink = all.body().get(0).get("link");
        assertThat(firstLink == null || firstLink.isNull()).as("lists carry no links").isTrue();

        Reply pending = api.get("/media/" + mediaId + "/invites?status=pending", ownerToken);
        assertThat(pending.body()).hasSize(4);
        Reply revoked = api.get("/media/" + mediaId + "/invites?status=revoked", ownerToken);
        assertThat(revoked.body()).singleElement().satisfies(n -> {
            assertThat(n.get("id").asText()).isEqualTo(ids.get(0));
            assertThat(n.get("status").asText()).isEqualTo("revoked");
        });
        assertThat(api.get("/media/" + mediaId + "/invites?status=expired", ownerToken).body()).isEmpty();
        assertThat(api.get("/media/" + mediaId + "/invites?status=used_up", ownerToken).body()).isEmpty();

        Reply page1 = api.get("/media/" + mediaId + "/invites?first=0&max=2", ownerToken);
        Reply page3 = api.get("/media/" + mediaId + "/invites?first=4&max=2", ownerToken);
        assertThat(page1.body()).hasSize(2);
        assertThat(page3.body()).hasSize(1);

        assertError(api.get("/media/" + mediaId + "/invites?status=lost", ownerToken), 400, "invalid_request");
        assertError(api.get("/media/" + mediaId + "/invites?max=1000", ownerToken), 400, "invalid_request");
        assertError(api.get("/media/" + mediaId + "/invites?first=-1", ownerToken), 400, "invalid_request");
    }

    @Test
    void readsNeverShowTheLinkAndRevokingTwiceIsHarmless() {
        Reply created = api.post("/media/" + mediaId + "/invites", ownerToken, invite(Fixtures.unique("r") + "@example.com"));
        assertThat(created.text("link")).as("the create shows the link once").isNotBlank();
        Reply read = api.get("/invites/" + created.text("id"), ownerToken);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("pending");
        assertThat(read.body().has("link") && !read.body().get("link").isNull()).as("S9: no link on reads").isFalse();
        assertThat(api.get("/invites/" + created.text("id"), appToken).text("link")).isNull();

        Reply revoked = api.post("/invites/" + created.text("id") + "/revoke", ownerToken, null);
        assertThat(revoked.text("status")).isEqualTo("revoked");
        assertThat(revoked.text("revokedAt")).isNotNull();
        assertThat(revoked.text("link")).isNull();
        // revoking twice is harmless
        assertThat(api.post("/invites/" + created.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        assertError(api.get("/invites/" + Fixtures.unique("no-such"), ownerToken), 404, "invite_not_found");
    }

    @Test
    void realmAdminsMayListAndRevoke() {
        Reply created = api.post("/media/" + mediaId + "/invites", ownerToken, invite(Fixtures.unique("a") + "@example.com"));
        String adminToken = api.passwordToken("media-admin", "media-admin");
        assertThat(api.get("/media/" + mediaId + "/invites", adminToken).body()).hasSize(1);
        assertThat(api.post("/invites/" + created.text("id") + "/revoke", adminToken, null).text("status"))
                .isEqualTo("revoked");
    }

    @Test
    void deletingMediaStopsAllItsInvites(KeycloakServer server) throws Exception {
        Reply a = api.post("/media/" + mediaId + "/invites", ownerToken, invite(Fixtures.unique("d1") + "@example.com"));
        Reply b = api.post("/media/" + mediaId + "/invites", ownerToken, invite(Fixtures.unique("d2") + "@example.com"));
        assertError(api.delete("/media/" + mediaId, ownerToken), 403, "forbidden");
        Reply deleted = api.delete("/media/" + mediaId, appToken);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("revokedInvites").asInt()).isEqualTo(2);
        assertError(api.get("/media/" + mediaId, appToken), 404, "media_not_found");

        if (server.database() != null) {
            try (var c = server.database().connect();
                    var s = c.prepareStatement("select REVOKE_REASON, REVOKED_AT from MI_INVITE where ID in (?, ?)")) {
                s.setString(1, a.text("id"));
                s.setString(2, b.text("id"));
                try (var rs = s.executeQuery()) {
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                        assertThat(rs.getString(1)).isEqualTo("media_deleted");
                        assertThat(rs.getLong(2)).isPositive();
                    }
                    assertThat(rows).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void invitesAreRowsOfOurTable(KeycloakServer server) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.database() != null, "rows are read on PostgreSQL runs");
        Map<String, Object> body = invite(Fixtures.unique("row") + "@example.com");
        body.put("lifetimeSeconds", 3600);
        Reply created = api.post("/media/" + mediaId + "/invites", ownerToken, body);
        try (var c = server.database().connect();
                var s = c.prepareStatement("select EMAIL, ROLE, USE_LIMIT, USE_COUNT, EXPIRES_AT, MEDIA_ID from MI_INVITE where ID = ?")) {
            s.setString(1, created.text("id"));
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("EMAIL")).isEqualTo(body.get("email"));
                assertThat(rs.getString("ROLE")).isEqualTo("viewer");
                assertThat(rs.getInt("USE_LIMIT")).isEqualTo(1);
                assertThat(rs.getInt("USE_COUNT")).isZero();
                assertThat(rs.getLong("EXPIRES_AT")).isEqualTo(Instant.parse(created.text("expiresAt")).toEpochMilli());
                assertThat(rs.getString("MEDIA_ID")).isEqualTo(mediaId);
            }
        }
    }

    // ---- autocomplete (I6), capabilities (I8), events, CORS ---------------------------------

    @Test
    void autocompleteIsBoundedMinimalAndOnlyForInviters() {
        String prefix = Fixtures.unique("ac").toLowerCase();
        for (int i = 0; i < 12; i++) {
            // S10: people become known to the app by being invited through it
            String user = fixtures.user(prefix + "-" + i);
            assertThat(api.post("/media/" + mediaId + "/invites", ownerToken, invite(user + "@example.com")).status())
                    .isEqualTo(201);
        }
        Reply found = api.get("/media/" + mediaId + "/invitees?prefix=" + prefix, ownerToken);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.body()).hasSize(10);
        found.body().forEach(m -> {
            assertThat(m.get("email").asText()).startsWith(prefix);
            assertThat(iterableFieldNames(m)).containsExactlyInAnyOrder("email", "firstName", "lastName");
        });
        assertError(api.get("/media/" + mediaId + "/invitees?prefix=ab", ownerToken), 400, "invalid_request");
        String stranger = fixtures.user("stranger");
        assertError(api.get("/media/" + mediaId + "/invitees?prefix=" + prefix, api.passwordToken(stranger, stranger)),
                403, "forbidden");
        assertThat(api.get("/media/" + mediaId + "/invitees?prefix=" + prefix, appToken).body()).hasSize(10);
    }

    @Test
    void capabilitiesDescribeRolesLimitsAndEmail() {
        Reply all = api.get("/capabilities", ownerToken);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().get("emailAvailable").asBoolean()).isFalse();
        assertThat(all.body().get("policy").get("maxLifetimeSeconds").asLong()).isEqualTo(7200);
        assertThat(all.body().get("policy").get("maxUseLimit").asInt()).isEqualTo(1);
        Reply webcast = api.get("/capabilities?mediaType=webcast", ownerToken);
        assertThat(webcast.body().get("mediaTypes")).singleElement().satisfies(t -> {
            assertThat(t.get("live").asBoolean()).isTrue();
            assertThat(t.get("roles").toString()).contains("viewer", "moderator", "speaker");
        });
        Reply video = api.get("/capabilities?mediaType=video", ownerToken);
        assertThat(video.body().get("mediaTypes").get(0).get("roles").toString()).isEqualTo("[\"viewer\"]");
        assertError(api.get("/capabilities?mediaType=hologram", ownerToken), 400, "unknown_media_type");
    }

    @Test
    void issuingAndRevokingLeaveAdminEventsWithoutTheLink() {
        Reply created = api.post("/media/" + mediaId + "/invites", ownerToken, invite(Fixtures.unique("ev") + "@example.com"));
        String id = created.text("id");
        api.post("/invites/" + id + "/revoke", ownerToken, null);
        var events = fixtures.realm().getAdminEvents(null, null, null, null, null, "media-invites/invites/" + id,
                null, null, null, 0, 10, null);
        assertThat(events).extracting(e -> e.getOperationType()).contains("CREATE", "DELETE");
        events.forEach(e -> {
            assertThat(e.getResourceType()).isEqualTo("MEDIA_INVITES_INVITE");
            if (e.getRepresentation() != null) {
                assertThat(e.getRepresentation()).contains(id).doesNotContain("action-token").doesNotContain("key=");
            }
        });
        var mediaEvents = fixtures.realm().getAdminEvents(null, null, null, null, null, "media-invites/media/" + mediaId,
                null, null, null, 0, 10, null);
        assertThat(mediaEvents).extracting(e -> e.getOperationType()).contains("CREATE");
    }

    @Test
    void browserAppsOfTheClientGetCorsHeaders() {
        Reply allowed = api.get("/media/" + mediaId, ownerToken, Map.of("Origin", "http://localhost:3000"));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        Reply foreign = api.get("/media/" + mediaId, ownerToken, Map.of("Origin", "https://evil.example"));
        assertThat(foreign.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static List<String> iterableFieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode claimsOf(Reply reply) {
        URI link = URI.create(reply.text("link"));
        return Api.claims(URLDecoder.decode(link.getQuery().replaceFirst("^key=", ""), StandardCharsets.UTF_8));
    }

    private static void assertError(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.error()).as(reply.toString()).isEqualTo(error);
        assertThat(reply.text("error_description")).as(reply.toString()).isNotBlank();
    }

    static Map<String, Object> media(String type, String user, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", "Feathered Friends Trivia");
        body.put("description", "Test your bird knowledge");
        List<Map<String, String>> collaborators = new ArrayList<>();
        collaborators.add(Map.of("user", user, "role", role));
        body.put("collaborators", collaborators);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static void addCollaborator(Map<String, Object> media, String user, String role) {
        ((List<Map<String, String>>) media.get("collaborators")).add(Map.of("user", user, "role", role));
    }

    static Map<String, Object> invite(String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("firstName", "Ina");
        body.put("lastName", "Invitee");
        body.put("redirectUri", "http://localhost:3000/media");
        return body;
    }
}
