package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.TestSettings;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** Redemption of invite links over plain HTTP, as a browser without JavaScript does it. */
@KeycloakIT
class RedemptionIT {

    static final String APP_URL = "http://localhost:3000/media";

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
    void landingThenContinueSignsTheInviteeInWithMediaClaims() throws Exception {
        String email = Fixtures.unique("ina") + "@example.com";
        Reply invite = issue(mediaId, email, Map.of());
        WebSession browser = new WebSession();
        Page landing = browser.get(invite.text("link"));
        assertThat(landing.status()).as(landing.toString()).isEqualTo(200);
        assertThat(landing.body()).contains("Feathered Friends Trivia").contains("You are invited").contains("viewer")
                .contains("id=\"media-invite-form\"");

        Page end = browser.follow(redeem(browser, landing), APP_URL);
        String code = codeFrom(end);
        JsonNode tokens = exchange(code);
        JsonNode access = Api.claims(tokens.get("access_token").asText());
        JsonNode grant = access.get("media_access").get(mediaId);
        assertThat(grant.get("role").asText()).isEqualTo("viewer");
        assertThat(grant.get("invite").asText()).isEqualTo(invite.text("id"));
        assertThat(grant.get("exp").asLong()).isBetween(Instant.now().getEpochSecond() + 8 * 3600 - 120,
                Instant.now().getEpochSecond() + 8 * 3600 + 5);
        assertThat(access.get("email").asText()).isEqualTo(email);
        assertThat(Api.claims(tokens.get("id_token").asText()).get("media_access").get(mediaId).get("role").asText())
                .isEqualTo("viewer");

        Reply userinfo = api.send(HttpRequest.newBuilder(URI.create(server.realmUrl("media") + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + tokens.get("access_token").asText()).GET());
        assertThat(userinfo.body().get("media_access").get(mediaId).get("role").asText()).isEqualTo("viewer");

        Reply introspection = api.send(HttpRequest.newBuilder(URI.create(server.realmUrl("media") + "/protocol/openid-connect/token/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=media-app&client_secret=media-app-secret&token="
                        + tokens.get("access_token").asText())));
        assertThat(introspection.body().get("active").asBoolean()).isTrue();
        assertThat(introspection.body().get("media_access").get(mediaId).get("invite").asText()).isEqualTo(invite.text("id"));

        Reply after = api.get("/invites/" + invite.text("id"), ownerToken);
        assertThat(after.body().get("useCount").asInt()).isEqualTo(1);
        assertThat(after.text("status")).isEqualTo("used_up");
    }

    @Test
    void redemptionsAndRefusalsAreKeycloakEventsWithTheInviteAndAReason() {
        String email = Fixtures.unique("evt") + "@example.com";
        Reply invite = issue(mediaId, email, Map.of());
        WebSession browser = new WebSession();
        codeFrom(browser.follow(redeem(browser, browser.get(invite.text("link"))), APP_URL));
        RealmResource realm = fixtures.realm();
        String inviteeId = realm.users().searchByEmail(email, true).get(0).getId();
        List<EventRepresentation> success = realm.getEvents(List.of("EXECUTE_ACTION_TOKEN", "LOGIN"), "media-app",
                inviteeId, null, null, null, 0, 10);
        assertThat(success).extracting(EventRepresentation::getType).contains("EXECUTE_ACTION_TOKEN", "LOGIN");
        EventRepresentation redeemed = success.stream().filter(e -> e.getType().equals("EXECUTE_ACTION_TOKEN"))
                .findFirst().orElseThrow();
        assertThat(redeemed.getDetails()).containsEntry("invite_id", invite.text("id")).containsEntry("media_id", mediaId)
                .containsEntry("role", "viewer");

        // a second click on the used single-use link: refused, with the reason as the event's error
        new WebSession().get(invite.text("link"));
        Reply revoked = issue(mediaId, Fixtures.unique("evt-rev") + "@example.com", Map.of());
        assertThat(api.post("/invites/" + revoked.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        new WebSession().get(revoked.text("link"));
        // rights gained after issuance are refused at redemption (issuance already refuses privileged accounts)
        String later = fixtures.user("evt-adm");
        Reply privileged = issue(mediaId, later + "@example.com", Map.of());
        String realmManagement = realm.clients().findByClientId("realm-management").get(0).getId();
        realm.users().get(realm.users().search(later, true).get(0).getId()).roles().clientLevel(realmManagement)
                .add(List.of(realm.clients().get(realmManagement).roles().get("view-users").toRepresentation()));
        new WebSession().get(privileged.text("link"));
        Reply blocked = issue(mediaId, Fixtures.unique("evt-blk") + "@evt-blocked.example", Map.of());
        fixtures.withRealmAttributes(Map.of("mediaInvites.blockedDomains", "evt-blocked.example"),
                () -> new WebSession().get(blocked.text("link")));
        List<EventRepresentation> refusals = realm.getEvents(List.of("EXECUTE_ACTION_TOKEN_ERROR"), null, null,
                null, null, null, 0, 500);
        for (Map.Entry<String, Reply> refused : Map.of("privileged_account", privileged, "domain_blocked", blocked).entrySet()) {
            assertThat(refusals).as(refused.getKey()).anySatisfy(e -> {
                assertThat(e.getError()).isEqualTo(refused.getKey());
                assertThat(e.getDetails()).containsValue(refused.getValue().text("id"));
            });
        }
        assertThat(refusals).anySatisfy(e -> {
            assertThat(e.getError()).isEqualTo("used_up");
            assertThat(e.getDetails()).containsValue(invite.text("id"));
        });
        assertThat(refusals).anySatisfy(e -> {
            assertThat(e.getError()).isEqualTo("revoked");
            assertThat(e.getDetails()).containsValue(revoked.text("id"));
        });
    }

    @Test
    void getAndHeadNeverUseTheLink() throws Exception {
        Reply invite = issue(mediaId, Fixtures.unique("scan") + "@example.com", Map.of());
        String link = invite.text("link");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                boolean head = i % 3 == 0;
                results.add(pool.submit(() -> head ? new WebSession().head(link).status() : new WebSession().get(link).status()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        Reply after = api.get("/invites/" + invite.text("id"), ownerToken);
        assertThat(after.body().get("useCount").asInt()).isZero();
        assertThat(after.text("status")).isEqualTo("pending");
        // and the link still works for the invitee
        WebSession browser = new WebSession();
        assertThat(codeFrom(browser.follow(redeem(browser, browser.get(link)), APP_URL))).isNotBlank();
    }

    @Test
    void aReplayedOrForeignPostRedeemsNothing() {
        Reply invite = issue(mediaId, Fixtures.unique("replay") + "@example.com", Map.of());
        WebSession browser = new WebSession();
        Page landing = browser.get(invite.text("link"));
        String action = landing.find("id=\"media-invite-form\" action=\"([^\"]+)\"");
        String nonce = landing.find("name=\"nonce\" value=\"([^\"]+)\"");
        // another browser (no session cookie) posting the same form gets nothing
        Page foreign = new WebSession().postForm(action, Map.of("nonce", nonce));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body()).contains("This page has expired");
        // a wrong nonce in the right browser gets nothing either
        assertThat(browser.postForm(action, Map.of("nonce", "forged")).status()).isEqualTo(400);
        assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();
    }

    @Test
    void singleUseLinkWorksOnceEvenUnderConcurrentClicks() throws Exception {
        Reply invite = issue(mediaId, Fixtures.unique("race") + "@example.com", Map.of());
        int n = 20;
        List<WebSession> browsers = new ArrayList<>();
        List<Page> landings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WebSession b = new WebSession();
            browsers.add(b);
            landings.add(b.get(invite.text("link")));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Page>> posts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                WebSession b = browsers.get(i);
                Page landing = landings.get(i);
                posts.add(pool.submit((Callable<Page>) () -> {
                    go.await();
                    return b.follow(redeem(b, landing), APP_URL);
                }));
            }
            go.countDown();
            int signedIn = 0;
            int refused = 0;
            for (Future<Page> f : posts) {
                Page p = f.get();
                if (p.status() == 302 && p.location().startsWith(APP_URL) && p.location().contains("code=")) {
                    signedIn++;
                } else {
                    refused++;
                    // or busy (issue 14: answered at once while another redemption holds the link's row)
                    assertThat(p.body()).containsAnyOf("already been used", "another device", "data-reason=\"busy\"");
                }
            }
            assertThat(signedIn).isEqualTo(1);
            assertThat(refused).isEqualTo(n - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isEqualTo(1);
    }

    @Test
    void aRedirectRemovedFromTheAppStopsItsLinks() {
        var client = fixtures.realm().clients().get(fixtures.realm().clients().findByClientId("media-app").get(0).getId());
        var before = client.toRepresentation();
        var widened = client.toRepresentation();
        List<String> uris = new ArrayList<>(widened.getRedirectUris());
        uris.add("https://watch.example.test/*");
        widened.setRedirectUris(uris);
        client.update(widened);
        Reply invite;
        try {
            invite = issue(mediaId, Fixtures.unique("redir") + "@example.com", Map.of("redirectUri", "https://watch.example.test/film"));
            assertThat(new WebSession().get(invite.text("link")).status()).isEqualTo(200);
        } finally {
            client.update(before);
        }
        Page page = new WebSession().get(invite.text("link"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("no longer accepts");
        assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();
    }

    @Test
    void anInvalidStoredPolicyGivesTheInviteeAClearPageNotAServerError() {
        Reply invite = issue(mediaId, Fixtures.unique("pol") + "@example.com", Map.of());
        WebSession browser = new WebSession();
        Page landing = browser.get(invite.text("link"));
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "many"), () -> {
            Page page = new WebSession().get(invite.text("link"));
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains("invite settings need to be corrected");
            Page posted = redeem(browser, landing);
            assertThat(posted.status()).isEqualTo(400);
            assertThat(posted.body()).contains("invite settings need to be corrected");
        });
        assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();
    }

    @Test
    void aLinkWhoseAppWasRenamedOrDeletedGetsTheInvalidLinkPage() {
        RealmResource realm = fixtures.realm();
        String clientId = Fixtures.unique("tmp-app");
        org.keycloak.representations.idm.ClientRepresentation app = new org.keycloak.representations.idm.ClientRepresentation();
        app.setClientId(clientId);
        app.setSecret("tmp-secret");
        app.setPublicClient(false);
        app.setServiceAccountsEnabled(true);
        app.setStandardFlowEnabled(true);
        app.setRedirectUris(List.of("http://localhost:3000/*"));
        try (Response created = realm.clients().create(app)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        String id = realm.clients().findByClientId(clientId).get(0).getId();
        RoleRepresentation manager = new RoleRepresentation();
        manager.setName("invite-manager");
        realm.clients().get(id).roles().create(manager);
        realm.users().get(realm.clients().get(id).getServiceAccountUser().getId()).roles().clientLevel(id)
                .add(List.of(realm.clients().get(id).roles().get("invite-manager").toRepresentation()));
        String tmpToken = api.clientToken(clientId, "tmp-secret");
        String media = Fixtures.unique("tmp-video");
        assertThat(api.put("/media/" + media, tmpToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
        Map<String, Object> body = IssuanceIT.invite(Fixtures.unique("gone") + "@example.com");
        body.put("inviter", owner);
        Reply invite = api.post("/media/" + media + "/invites", tmpToken, body);
        assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
        assertThat(new WebSession().get(invite.text("link")).status()).isEqualTo(200);

        org.keycloak.representations.idm.ClientRepresentation renamed = realm.clients().get(id).toRepresentation();
        renamed.setClientId(clientId + "-renamed");
        realm.clients().get(id).update(renamed);
        Page afterRename = new WebSession().get(invite.text("link"));
        assertThat(afterRename.status()).isEqualTo(400);
        assertThat(afterRename.body()).contains("This invite link is not valid");

        realm.clients().get(id).remove();
        Page afterDelete = new WebSession().get(invite.text("link"));
        assertThat(afterDelete.status()).isIn(400, 404);
        assertThat(afterDelete.body()).doesNotContain("media-invite-form");
    }

    @Test
    void usedUpLinkShowsAClearPage() {
        Reply invite = issue(mediaId, Fixtures.unique("once") + "@example.com", Map.of());
        WebSession first = new WebSession();
        codeFrom(first.follow(redeem(first, first.get(invite.text("link"))), APP_URL));
        Page again = new WebSession().get(invite.text("link"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("This invite link has already been used");
    }

    @Test
    void linkIsBoundToTheFirstDevice() {
        fixtures.withRealmAttributes(Map.of("mediaInvites.useLimit", "3"), () -> {
            Map<String, Object> extra = Map.of("useLimit", 3);
            Reply invite = issue(mediaId, Fixtures.unique("dev") + "@example.com", extra);
            WebSession phone = new WebSession();
            Page redeemed = redeem(phone, phone.get(invite.text("link")));
            // S3: a __Host- cookie (Secure, Path=/, no Domain): no sibling host can plant or replace it
            String setCookie = redeemed.raw().headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("__Host-MEDIA_INVITE_DEVICE=")).findFirst().orElseThrow();
            assertThat(setCookie).contains("Path=/;").containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly")
                    .doesNotContainIgnoringCase("Domain=");
            codeFrom(phone.follow(redeemed, APP_URL));
            assertThat(phone.cookies()).containsKey("__Host-MEDIA_INVITE_DEVICE");

            Page laptop = new WebSession().get(invite.text("link"));
            assertThat(laptop.status()).isEqualTo(403);
            assertThat(laptop.body()).contains("already opened on another device");

            // the same device may come back within the use limit
            WebSession phoneAgain = new WebSession();
            phoneAgain.cookies().put("__Host-MEDIA_INVITE_DEVICE", phone.cookies().get("__Host-MEDIA_INVITE_DEVICE"));
            codeFrom(phoneAgain.follow(redeem(phoneAgain, phoneAgain.get(invite.text("link"))), APP_URL));
            assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isEqualTo(2);
        });
    }

    @Test
    void revokedDeletedAndBlockedLinksAreRefusedWithTheirOwnMessage() {
        Reply revoked = issue(mediaId, Fixtures.unique("rev") + "@example.com", Map.of());
        api.post("/invites/" + revoked.text("id") + "/revoke", ownerToken, null);
        assertThat(new WebSession().get(revoked.text("link")).body()).contains("withdrawn");

        Reply blocked = issue(mediaId, Fixtures.unique("blk") + "@late-blocked.example", Map.of());
        fixtures.withRealmAttributes(Map.of("mediaInvites.blockedDomains", "late-blocked.example"), () ->
                assertThat(new WebSession().get(blocked.text("link")).body()).contains("Invites to this e-mail domain are not allowed"));

        Reply deleted = issue(mediaId, Fixtures.unique("del") + "@example.com", Map.of());
        assertThat(api.delete("/media/" + mediaId, appToken).status()).isEqualTo(200);
        assertThat(new WebSession().get(deleted.text("link")).body()).contains("has been deleted");
    }

    @Test
    void privilegedAccountsAreRefusedAtIssuance() {
        Reply refused = api.post("/media/" + mediaId + "/invites", ownerToken, IssuanceIT.invite("media-admin@example.com"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("privileged_account");
        assertThat(refused.text("field")).isEqualTo("email");
    }

    @Test
    void adminRightsThroughAGroupOrACompositeRoleAreRefusedToo() {
        RealmResource realm = fixtures.realm();
        RoleRepresentation viewUsers = realm.clients().get(realm.clients().findByClientId("realm-management").get(0).getId())
                .roles().get("view-users").toRepresentation();

        // a member of a sub-group whose parent group holds a realm-management role
        String parentName = Fixtures.unique("ops");
        try (Response created = realm.groups().add(group(parentName))) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        GroupRepresentation parent = realm.groups().groups(parentName, 0, 1).get(0);
        String realmManagementId = realm.clients().findByClientId("realm-management").get(0).getId();
        realm.groups().group(parent.getId()).roles().clientLevel(realmManagementId).add(List.of(viewUsers));
        try (Response created = realm.groups().group(parent.getId()).subGroup(group("night-shift"))) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        String child = realm.groups().group(parent.getId()).getSubGroups(0, 10, true).get(0).getId();
        String member = fixtures.user("grp-admin");
        realm.users().get(realm.users().search(member, true).get(0).getId()).joinGroup(child);

        // a holder of a realm role that includes a realm-management role
        String composite = Fixtures.unique("helpdesk");
        RoleRepresentation role = new RoleRepresentation();
        role.setName(composite);
        realm.roles().create(role);
        realm.roles().get(composite).addComposites(List.of(viewUsers));
        String holder = fixtures.user("cmp-admin", composite);

        for (String user : List.of(member, holder)) {
            Reply refused = api.post("/media/" + mediaId + "/invites", ownerToken, IssuanceIT.invite(user + "@example.com"));
            assertThat(refused.status()).as(user).isEqualTo(400);
            assertThat(refused.error()).as(user).isEqualTo("privileged_account");
        }
        // once the group no longer holds the role, its members are ordinary invitees
        realm.groups().group(parent.getId()).roles().clientLevel(realmManagementId).remove(List.of(viewUsers));
        String plain = fixtures.user("grp-plain");
        realm.users().get(realm.users().search(plain, true).get(0).getId()).joinGroup(child);
        String link = issue(mediaId, plain + "@example.com", Map.of()).text("link");
        Page allowed = new WebSession().get(link);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).contains("media-invite-form");
        // and when the group gets the role back, the link stops working at redemption (R10)
        realm.groups().group(parent.getId()).roles().clientLevel(realmManagementId).add(List.of(viewUsers));
        Page refusedLater = new WebSession().get(link);
        assertThat(refusedLater.status()).isEqualTo(400);
        assertThat(refusedLater.body()).contains("administrative rights");
    }

    private static GroupRepresentation group(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        return group;
    }

    @Test
    void tamperedForeignAndUnsignedTokensGetAClearPage() throws Exception {
        Reply invite = issue(mediaId, Fixtures.unique("tamper") + "@example.com", Map.of());
        String link = invite.text("link");
        String key = URLDecoder.decode(URI.create(link).getQuery().replaceFirst("^key=", ""), StandardCharsets.UTF_8);
        String[] parts = key.split("\\.");
        String base = link.substring(0, link.indexOf("?"));

        JsonNode claims = Api.claims(key);
        String upgraded = Base64.getUrlEncoder().withoutPadding().encodeToString(
                Api.JSON.writeValueAsBytes(((com.fasterxml.jackson.databind.node.ObjectNode) claims).put("mi_role", "moderator")));
        Page tampered = new WebSession().get(base + "?key=" + parts[0] + "." + upgraded + "." + parts[2]);
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.body()).contains("not valid");

        String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        Page unsigned = new WebSession().get(base + "?key=" + noneHeader + "." + parts[1] + ".");
        if (TestSettings.keycloakAtLeast(26, 7)) {
            assertThat(unsigned.status()).isEqualTo(400);
            assertThat(unsigned.body()).contains("not valid");
        } else {
            // Keycloak 26.5 and older fail on an "alg: none" action token in their own LoginActionsService (no
            // signature provider for "none": HTTP 500) before the invite's handler runs; nothing is redeemed
            assertThat(unsigned.status()).isEqualTo(500);
        }

        Page foreignRealm = new WebSession().get(server.realmUrl("master") + "/login-actions/action-token?key=" + key);
        assertThat(foreignRealm.status()).isEqualTo(400);

        Page wrongType = new WebSession().get(base + "?key=" + parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(Api.JSON.writeValueAsBytes(
                        ((com.fasterxml.jackson.databind.node.ObjectNode) Api.claims(key)).put("typ", "reset-credentials")))
                + "." + parts[2]);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();
    }

    @Test
    void liveMediaShowsCountdownBeforeTheStartLobbyWhileOpenAndAClearPageAfterTheEnd() {
        String later = Fixtures.unique("webcast");
        Map<String, Object> future = IssuanceIT.media("webcast", owner, "owner");
        future.put("startsAt", Instant.now().plusSeconds(3600).toString());
        api.put("/media/" + later, appToken, future);
        Reply early = issue(later, Fixtures.unique("early") + "@example.com", Map.of("role", "speaker"));
        Page countdown = new WebSession().get(early.text("link"));
        assertThat(countdown.status()).isEqualTo(200);
        assertThat(countdown.body()).contains("Starting soon").contains("media-invite-countdown")
                .doesNotContain("id=\"media-invite-form\"");

        String open = Fixtures.unique("webcast");
        Map<String, Object> now = IssuanceIT.media("webcast", owner, "owner");
        now.put("startsAt", Instant.now().minusSeconds(60).toString());
        api.put("/media/" + open, appToken, now);
        Reply lobbyInvite = issue(open, Fixtures.unique("lobby") + "@example.com", Map.of("role", "moderator"));
        WebSession browser = new WebSession();
        Page lobby = browser.get(lobbyInvite.text("link"));
        assertThat(lobby.body()).contains("Lobby").contains("Join now").contains("moderator");
        JsonNode access = Api.claims(exchange(codeFrom(browser.follow(redeem(browser, lobby), APP_URL))).get("access_token").asText());
        assertThat(access.get("media_access").get(open).get("role").asText()).isEqualTo("moderator");

        String past = Fixtures.unique("webcast");
        Map<String, Object> ended = IssuanceIT.media("webcast", owner, "owner");
        ended.put("startsAt", Instant.now().minusSeconds(7200).toString());
        ended.put("endsAt", Instant.now().minusSeconds(3600).toString());
        api.put("/media/" + past, appToken, ended);
        Reply late = issue(past, Fixtures.unique("late") + "@example.com", Map.of());
        Page after = new WebSession().get(late.text("link"));
        assertThat(after.body()).contains("This live session has ended");
    }

    @Test
    void signedInAsSomeoneElseIsAnEmailMismatch() {
        WebSession browser = new WebSession();
        signIn(browser, owner, owner);
        Reply invite = issue(mediaId, Fixtures.unique("other") + "@example.com", Map.of());
        Page page = browser.get(invite.text("link"));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("data-reason=\"email_mismatch\"").contains("t match: you are signed in as " + owner)
                .contains("Sign out").contains("/protocol/openid-connect/logout");
        List<EventRepresentation> refusals = fixtures.realm().getEvents(List.of("EXECUTE_ACTION_TOKEN_ERROR"), null, null,
                null, null, null, 0, 200);
        assertThat(refusals).anySatisfy(e -> {
            assertThat(e.getError()).isEqualTo("email_mismatch");
            assertThat(e.getDetails()).containsEntry("invite_id", invite.text("id"));
        });
        assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();
    }

    @Test
    void higherRoleUpgradesTheSameSessionAndLowerNeverDowngrades() throws Exception {
        String live = Fixtures.unique("webcast");
        Map<String, Object> webcast = IssuanceIT.media("webcast", owner, "owner");
        webcast.put("startsAt", Instant.now().minusSeconds(60).toString());
        api.put("/media/" + live, appToken, webcast);
        String email = Fixtures.unique("up") + "@example.com";

        WebSession browser = new WebSession();
        Reply viewer = issue(live, email, Map.of("role", "viewer"));
        JsonNode first = exchange(codeFrom(browser.follow(redeem(browser, browser.get(viewer.text("link"))), APP_URL)));
        assertThat(Api.claims(first.get("access_token").asText()).get("media_access").get(live).get("role").asText()).isEqualTo("viewer");

        Reply moderator = issue(live, email, Map.of("role", "moderator"));
        codeFrom(browser.follow(redeem(browser, browser.get(moderator.text("link"))), APP_URL));
        // the app's next refresh of its first tokens shows the upgrade: same session, no new sign-in
        JsonNode refreshed = refresh(first.get("refresh_token").asText());
        assertThat(Api.claims(refreshed.get("access_token").asText()).get("sid").asText())
                .isEqualTo(Api.claims(first.get("access_token").asText()).get("sid").asText());
        assertThat(Api.claims(refreshed.get("access_token").asText()).get("media_access").get(live).get("role").asText())
                .isEqualTo("moderator");

        Reply speaker = issue(live, email, Map.of("role", "speaker"));
        codeFrom(browser.follow(redeem(browser, browser.get(speaker.text("link"))), APP_URL));
        JsonNode again = refresh(refreshed.get("refresh_token").asText());
        assertThat(Api.claims(again.get("access_token").asText()).get("media_access").get(live).get("role").asText())
                .isEqualTo("moderator");
    }

    @Test
    void typedConfirmationNeedsTheInvitedAddress() {
        fixtures.withRealmAttributes(Map.of("mediaInvites.confirmation", "typed"), () -> {
            String email = Fixtures.unique("typed") + "@example.com";
            Reply invite = issue(mediaId, email, Map.of());
            WebSession wrong = new WebSession();
            Page landing = wrong.get(invite.text("link"));
            assertThat(landing.body()).contains("name=\"email\"");
            Page refused = wrong.postForm(action(landing), Map.of("nonce", nonce(landing), "email", "someone@example.com"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt()).isZero();

            WebSession right = new WebSession();
            Page again = right.get(invite.text("link"));
            Page end = right.follow(right.postForm(action(again), Map.of("nonce", nonce(again), "email", email.toUpperCase())), APP_URL);
            assertThat(codeFrom(end)).isNotBlank();
        });
    }

    @Test
    void inviteSessionReachesOnlyItsOwnAppAndEndsWithItsMedia() {
        Reply invite = issue(mediaId, Fixtures.unique("scope") + "@example.com", Map.of());
        WebSession browser = new WebSession();
        JsonNode tokens = exchange(codeFrom(browser.follow(redeem(browser, browser.get(invite.text("link"))), APP_URL)));

        // the media app itself gets single sign-on from the invite session
        Page again = browser.follow(browser.get(authUrl("media-app")), APP_URL);
        assertThat(again.location()).as(again.toString()).contains("code=");

        // another client of the realm asks for real credentials
        Page other = browser.follow(browser.get(authUrl("other-app")), "http://127.0.0.1/");
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        assertThat(other.body()).contains("id=\"kc-form-login\"");

        // deleting the media entry ends the session it created (M4): refresh is refused
        Reply deleted = api.delete("/media/" + mediaId, appToken);
        assertThat(deleted.body().get("endedSessions").asInt()).isEqualTo(1);
        assertThat(refreshStatus(tokens.get("refresh_token").asText())).isEqualTo(400);
    }

    @Test
    void inviteSessionEndsAfterThePolicySessionLength() throws Exception {
        fixtures.withRealmAttributes(Map.of("mediaInvites.sessionLengthSeconds", "60"), () -> {
            Reply invite = issue(mediaId, Fixtures.unique("short") + "@example.com", Map.of());
            WebSession browser = new WebSession();
            JsonNode tokens = exchange(codeFrom(browser.follow(redeem(browser, browser.get(invite.text("link"))), APP_URL)));
            long exp = Api.claims(tokens.get("access_token").asText()).get("media_access").get(mediaId).get("exp").asLong();
            assertThat(exp).isBetween(Instant.now().getEpochSecond() + 50, Instant.now().getEpochSecond() + 61);
            assertThat(refreshStatus(tokens.get("refresh_token").asText())).isEqualTo(200);
            // the end is enforced at the token request itself, not only by the reaper (every 15 s): refused at once
            while (Instant.now().getEpochSecond() < exp) {
                assertThat(refreshStatus(tokens.get("refresh_token").asText())).isEqualTo(200);
                Fixtures.sleep(2_000);
            }
            Fixtures.sleep(1_000);
            Reply refused = api.refresh(tokens.get("refresh_token").asText());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_grant");
            assertThat(Instant.now().getEpochSecond()).isGreaterThanOrEqualTo(exp);
        });
    }

    private String authUrl(String clientId) {
        String redirect = clientId.equals("media-app") ? APP_URL : "http://127.0.0.1/other";
        return server.realmUrl("media") + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=openid&redirect_uri=" + java.net.URLEncoder.encode(redirect, StandardCharsets.UTF_8);
    }

    private int refreshStatus(String refreshToken) {
        return api.refresh(refreshToken).status();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Reply issue(String media, String email, Map<String, Object> extra) {
        Map<String, Object> body = IssuanceIT.invite(email);
        body.putAll(extra);
        Reply reply = api.post("/media/" + media + "/invites", ownerToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    static String action(Page landing) {
        String action = landing.find("id=\"media-invite-form\" action=\"([^\"]+)\"");
        assertThat(action).as("landing page form: " + landing.body()).isNotNull();
        return action;
    }

    static String nonce(Page landing) {
        return landing.find("name=\"nonce\" value=\"([^\"]+)\"");
    }

    static Page redeem(WebSession browser, Page landing) {
        return browser.postForm(action(landing), Map.of("nonce", nonce(landing)));
    }

    static String codeFrom(Page end) {
        assertThat(end.status()).as(end + "\n" + end.body()).isEqualTo(302);
        assertThat(end.location()).startsWith(APP_URL);
        String query = URI.create(end.location()).getQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + end.location());
    }

    private JsonNode exchange(String code) {
        Reply reply = api.exchangeCode(code, APP_URL);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.body();
    }

    private JsonNode refresh(String refreshToken) {
        Reply reply = api.refresh(refreshToken);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.body();
    }

    /** A password sign-in to media-app in this browser (the authorization-code flow). */
    private void signIn(WebSession browser, String username, String password) {
        Page login = browser.get(server.realmUrl("media") + "/protocol/openid-connect/auth?client_id=media-app"
                + "&response_type=code&scope=openid&redirect_uri=" + java.net.URLEncoder.encode(APP_URL, StandardCharsets.UTF_8));
        String action = login.find("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
        assertThat(action).as(login.body()).isNotNull();
        Page done = browser.follow(browser.postForm(action, Map.of("username", username, "password", password)), APP_URL);
        assertThat(done.location()).as(done.toString()).contains("code=");
    }
}
