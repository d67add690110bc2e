package io.mediainvites.it;

import static io.mediainvites.it.RedemptionIT.APP_URL;
import static io.mediainvites.it.RedemptionIT.codeFrom;
import static io.mediainvites.it.RedemptionIT.redeem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * S6, S7, S8, S12: a link grants its invite and nothing more. Every test is written from the side of an
 * attacker who holds a link (or is the inviter): what the link must not reach.
 */
@KeycloakIT
class ContainmentIT {

    /** Every required action a session could start with kc_action in a stock Keycloak 26. */
    private static final List<String> ACCOUNT_ACTIONS = List.of("UPDATE_PASSWORD", "CONFIGURE_TOTP",
            "webauthn-register", "webauthn-register-passwordless", "UPDATE_EMAIL", "delete_account", "idp_link",
            "UPDATE_PROFILE", "CONFIGURE_RECOVERY_AUTHN_CODES", "VERIFY_EMAIL");

    private KeycloakServer server;
    private Api api;
    private Fixtures fixtures;
    private RealmResource realm;
    private String appToken;
    private String owner;
    private String ownerToken;
    private String mediaId;

    @BeforeEach
    void setUp(KeycloakServer server) {
        this.server = server;
        api = new Api(server);
        fixtures = new Fixtures(server);
        realm = fixtures.realm();
        appToken = api.serviceAccountToken();
        owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
    }

    // ---- S6: existing accounts sign in themselves ------------------------------------------------

    @Test
    void anExistingAccountIsNotEnteredByTheLinkAloneButByItsOwnSignIn() {
        String alice = fixtures.user("alice");
        Reply invite = issue(mediaId, alice + "@example.com", Map.of());
        WebSession attacker = new WebSession();
        Page landing = attacker.get(invite.text("link"));
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.body()).contains("already exists").contains("Sign in to accept");

        // pressing the button leads to the realm's own sign-in, prefilled with the invited address
        Page login = attacker.follow(redeem(attacker, landing), APP_URL);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        // Keycloak pins the sign-in to the invited account (login hint): only that account's password is asked
        assertThat(login.body()).contains("id=\"kc-form-login\"").contains("id=\"kc-attempted-username\" value=\"" + alice + "\"");
        assertThat(useCount(invite)).isZero();
        assertThat(sessionsOf(alice)).isZero();

        // a wrong password gets Keycloak's own refusal and nothing else
        Page wrong = attacker.postForm(loginAction(login), Map.of("password", "guess"));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("id=\"kc-form-login\"");
        assertThat(useCount(invite)).isZero();
        assertThat(sessionsOf(alice)).isZero();

        // the account's own sign-in accepts the invite: its tokens carry the grant and a real sign-in's acr
        Page end = attacker.follow(attacker.postForm(loginAction(wrong), Map.of("password", alice)), APP_URL);
        JsonNode tokens = exchange(codeFrom(end));
        JsonNode access = Api.claims(tokens.get("access_token").asText());
        assertThat(access.get("preferred_username").asText()).isEqualTo(alice);
        assertThat(access.get("media_access").get(mediaId).get("role").asText()).isEqualTo("viewer");
        assertThat(access.get("acr").asText()).isEqualTo("1");
        assertThat(access.has("amr") && access.get("amr").toString().contains("invite")).isFalse();
        assertThat(useCount(invite)).isEqualTo(1);
        assertThat(events("EXECUTE_ACTION_TOKEN", invite)).anySatisfy(e ->
                assertThat(e.getDetails()).containsEntry("signed_in", "true"));
    }

    @Test
    void anotherAccountCannotAcceptTheInviteOnTheSignInPage() {
        String alice = fixtures.user("alice");
        String mallory = fixtures.user("mallory");
        Reply invite = issue(mediaId, alice + "@example.com", Map.of());
        WebSession browser = new WebSession();
        Page login = browser.follow(redeem(browser, browser.get(invite.text("link"))), APP_URL);
        // the pinned account's form takes no other username
        Page pinned = browser.follow(browser.postForm(loginAction(login), Map.of("username", mallory,
                "password", mallory)), APP_URL);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
        assertThat(pinned.body()).contains("id=\"kc-form-login\"");
        assertThat(useCount(invite)).isZero();

        // restarting the sign-in drops the invite: whoever signs in then gets no grant, and nothing is used
        String restart = pinned.find("location.href='([^']*login-actions/restart[^']*)'");
        assertThat(restart).as(pinned.body()).isNotNull();
        Page fresh = browser.follow(browser.get(server.baseUrl() + restart.replace("&amp;", "&")), APP_URL);
        Page end = browser.follow(browser.postForm(loginAction(fresh), Map.of("username", mallory,
                "password", mallory)), APP_URL);
        if (end.location() != null && end.location().contains("code=")) {
            JsonNode access = Api.claims(exchange(codeFrom(end)).get("access_token").asText());
            assertThat(access.get("preferred_username").asText()).isEqualTo(mallory);
            assertThat(access.has("media_access")).isFalse();
        } else {
            assertThat(end.body()).doesNotContain("media_access");
        }
        assertThat(useCount(invite)).isZero();
        assertThat(sessionsOf(alice)).isZero();
    }

    @Test
    void anAlreadySignedInAccountAcceptsWithoutSigningInAgain() {
        String alice = fixtures.user("alice");
        WebSession browser = new WebSession();
        signIn(browser, alice, alice);
        Reply invite = issue(mediaId, alice + "@example.com", Map.of());
        Page landing = browser.get(invite.text("link"));
        assertThat(landing.body()).doesNotContain("Sign in to accept");
        JsonNode access = Api.claims(exchange(codeFrom(browser.follow(redeem(browser, landing), APP_URL)))
                .get("access_token").asText());
        assertThat(access.get("media_access").get(mediaId).get("role").asText()).isEqualTo("viewer");
        assertThat(access.get("acr").asText()).as("the session's own sign-in level").isIn("0", "1");
    }

    @Test
    void anAccountWithAnUnverifiedAddressIsNeverEnteredByALink() {
        String bob = fixtures.user("bob");
        UserResource user = userResource(bob);
        UserRepresentation rep = user.toRepresentation();
        rep.setEmailVerified(false);
        user.update(rep);
        Reply invite = issue(mediaId, bob + "@example.com", Map.of());
        Page page = new WebSession().get(invite.text("link"));
        assertThat(page.status()).isIn(400, 403);
        assertThat(page.body()).contains("has not been verified");
        assertThat(page.body()).doesNotContain("media-invite-form");
        assertThat(events("EXECUTE_ACTION_TOKEN_ERROR", invite)).anySatisfy(e ->
                assertThat(e.getError()).isEqualTo("email_unverified"));
        assertThat(useCount(invite)).isZero();
    }

    // ---- S7: invite-only sessions are contained --------------------------------------------------

    @Test
    void noAccountActionCanBeStartedFromAnInviteSessionAndNoCredentialIsGained() {
        String email = Fixtures.unique("guest") + "@example.com";
        WebSession attacker = new WebSession();
        redeemAsGuest(attacker, issue(mediaId, email, Map.of()));
        for (String action : ACCOUNT_ACTIONS) {
            Page page = attacker.follow(attacker.get(authUrl("media-app", "openid") + "&kc_action=" + action), APP_URL);
            assertThat(page.location()).as(action + ": " + page).satisfiesAnyOf(
                    location -> assertThat(location).isNull(),
                    location -> assertThat(location).doesNotContain("code="));
            assertThat(page.body()).as(action).doesNotContain("password-new").doesNotContain("totpSecret")
                    .doesNotContain("registerWebAuthn").doesNotContain("name=\"email\"");
            if (List.of("UPDATE_PASSWORD", "CONFIGURE_TOTP", "webauthn-register").contains(action)) {
                // actions Keycloak enables by default reach our step, which refuses them with a clear page
                assertThat(page.status()).as(action).isEqualTo(403);
                assertThat(page.body()).as(action).contains("data-reason=\"invite_session_limited\"");
            }
        }
        UserResource guest = userResource(email);
        assertThat(guest.credentials()).isEmpty();
        assertThat(guest.toRepresentation().getEmail()).isEqualTo(email);
        // nothing set that way signs in elsewhere
        Reply password = passwordGrant(email, "attacker-chosen");
        assertThat(password.status()).as(password.toString()).isIn(400, 401);
        assertThat(password.body().has("access_token")).isFalse();
        assertThat(fixtures.realm().getEvents(List.of("LOGIN_ERROR"), "media-app", guest.toRepresentation().getId(),
                null, null, null, 0, 50)).anySatisfy(e -> assertThat(e.getError()).isEqualTo("invite_session_limited"));
    }

    @Test
    void inviteTokensNeitherReachTheAccountApiNorTheAccountConsole() {
        WebSession attacker = new WebSession();
        JsonNode tokens = redeemAsGuest(attacker, issue(mediaId, Fixtures.unique("acct") + "@example.com", Map.of()));
        String accessToken = tokens.get("access_token").asText();
        JsonNode access = Api.claims(accessToken);
        assertThat(access.get("aud").toString()).doesNotContain("account");
        assertThat(access.has("realm_access")).isFalse();
        if (access.has("resource_access")) {
            assertThat(access.get("resource_access").fieldNames()).toIterable().containsOnly("media-app");
        }
        Reply account = api.send(HttpRequest.newBuilder(URI.create(server.realmUrl("media") + "/account/"))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET());
        assertThat(account.status()).as(account.toString()).isIn(401, 403);
        Reply credentials = api.send(HttpRequest.newBuilder(URI.create(server.realmUrl("media") + "/account/credentials"))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET());
        assertThat(credentials.status()).isIn(401, 403);

        // the account console is another client: it asks for credentials the guest does not have
        Page console = attacker.follow(attacker.get(server.realmUrl("media") + "/protocol/openid-connect/auth?client_id="
                + "account-console&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(server.realmUrl("media") + "/account/", StandardCharsets.UTF_8)
                + "&code_challenge=" + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" + "&code_challenge_method=S256"),
                server.realmUrl("media") + "/account");
        assertThat(console.status()).as(console.toString()).isEqualTo(200);
        assertThat(console.body()).contains("id=\"kc-form-login\"");
    }

    @Test
    void anInviteSessionNeverGetsOfflineAccess() {
        WebSession attacker = new WebSession();
        redeemAsGuest(attacker, issue(mediaId, Fixtures.unique("offline") + "@example.com", Map.of()));
        Page silent = attacker.follow(attacker.get(authUrl("media-app", "openid offline_access") + "&prompt=none"), APP_URL);
        assertThat(silent.status()).isEqualTo(302);
        assertThat(silent.location()).contains("error=login_required").doesNotContain("code=");
        Page asked = attacker.follow(attacker.get(authUrl("media-app", "openid offline_access")), APP_URL);
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("id=\"kc-form-login\"");
        // the invite session itself still signs in to its app without offline access
        Page plain = attacker.follow(attacker.get(authUrl("media-app", "openid") + "&prompt=none"), APP_URL);
        assertThat(plain.location()).contains("code=");
        Reply tokens = api.exchangeCode(codeFrom(plain), APP_URL);
        assertThat(Api.claims(tokens.text("refresh_token")).get("typ").asText()).isNotEqualTo("Offline");
    }

    @Test
    void tokenExchangeFromAnInviteTokenIsRefused() {
        ClientResource mediaApp = client("media-app");
        ClientRepresentation before = mediaApp.toRepresentation();
        ClientRepresentation enabled = mediaApp.toRepresentation();
        enabled.getAttributes().put("standard.token.exchange.enabled", "true");
        mediaApp.update(enabled);
        try {
            JsonNode tokens = redeemAsGuest(new WebSession(), issue(mediaId, Fixtures.unique("xchg") + "@example.com", Map.of()));
            Reply refused = exchangeToken(tokens.get("access_token").asText());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.error()).isEqualTo("access_denied");
            assertThat(refused.text("error_description")).contains("invite");

            // a real sign-in's token is left to Keycloak's own exchange
            Reply control = exchangeToken(ownerToken);
            assertThat(control.raw().body()).doesNotContain("invite session");
        } finally {
            mediaApp.update(before);
        }
    }

    @Test
    void tokensOfInviteSessionsSayWhatTheyAre() {
        JsonNode tokens = redeemAsGuest(new WebSession(), issue(mediaId, Fixtures.unique("amr") + "@example.com", Map.of()));
        for (String kind : List.of("access_token", "id_token")) {
            JsonNode claims = Api.claims(tokens.get(kind).asText());
            assertThat(claims.get("acr").asText()).as(kind).isEqualTo("0");
            assertThat(claims.get("amr").toString()).as(kind).isEqualTo("[\"invite\"]");
        }
        JsonNode refreshed = Api.claims(api.refresh(tokens.get("refresh_token").asText()).text("access_token"));
        assertThat(refreshed.get("amr").toString()).isEqualTo("[\"invite\"]");

        // a password sign-in of the same realm looks different
        JsonNode password = Api.claims(ownerToken);
        assertThat(password.has("amr") && password.get("amr").toString().contains("invite")).isFalse();
        assertThat(password.get("acr").asText()).isEqualTo("1");
    }

    // ---- S8: revocation reaches live access ------------------------------------------------------

    @Test
    void revokingEndsTheInviteSessionAtOnce() {
        Reply invite = issue(mediaId, Fixtures.unique("rev") + "@example.com", Map.of());
        JsonNode tokens = redeemAsGuest(new WebSession(), invite);
        assertThat(api.refresh(tokens.get("refresh_token").asText()).status()).isEqualTo(200);
        assertThat(api.post("/invites/" + invite.text("id") + "/revoke", ownerToken, Map.of()).status()).isEqualTo(200);
        Reply after = api.refresh(tokens.get("refresh_token").asText());
        assertThat(after.status()).as(after.toString()).isEqualTo(400);
        assertThat(after.error()).isEqualTo("invalid_grant");
    }

    @Test
    void aJoinedSessionLosesTheRevokedGrantAndALowerRoleNeverRevivesIt() {
        String live = Fixtures.unique("webcast");
        Map<String, Object> webcast = IssuanceIT.media("webcast", owner, "owner");
        webcast.put("startsAt", Instant.now().minusSeconds(60).toString());
        assertThat(api.put("/media/" + live, appToken, webcast).status()).isEqualTo(201);
        String alice = fixtures.user("alice");
        WebSession browser = new WebSession();
        signIn(browser, alice, alice);

        Reply speaker = issue(live, alice + "@example.com", Map.of("role", "speaker"));
        JsonNode tokens = exchange(codeFrom(browser.follow(redeem(browser, browser.get(speaker.text("link"))), APP_URL)));
        assertThat(grantOf(tokens, live).get("role").asText()).isEqualTo("speaker");

        assertThat(api.post("/invites/" + speaker.text("id") + "/revoke", ownerToken, Map.of()).status()).isEqualTo(200);
        JsonNode refreshed = refreshOk(tokens.get("refresh_token").asText());
        assertThat(Api.claims(refreshed.get("access_token").asText()).has("media_access")).isFalse();
        assertThat(Api.claims(refreshed.get("access_token").asText()).get("preferred_username").asText()).isEqualTo(alice);

        // a viewer link of the same entry gives a viewer grant with its own expiry, never the revoked speaker's
        Reply viewer = issue(live, alice + "@example.com", Map.of("role", "viewer"));
        codeFrom(browser.follow(redeem(browser, browser.get(viewer.text("link"))), APP_URL));
        JsonNode again = refreshOk(refreshed.get("refresh_token").asText());
        JsonNode grant = grantOf(again, live);
        assertThat(grant.get("role").asText()).isEqualTo("viewer");
        assertThat(grant.get("invite").asText()).isEqualTo(viewer.text("id"));
    }

    @Test
    void aGuestsNewLowerRoleLinkAfterARevocationGivesOnlyThatRole() {
        String live = Fixtures.unique("webcast");
        Map<String, Object> webcast = IssuanceIT.media("webcast", owner, "owner");
        webcast.put("startsAt", Instant.now().minusSeconds(60).toString());
        assertThat(api.put("/media/" + live, appToken, webcast).status()).isEqualTo(201);
        String email = Fixtures.unique("g") + "@example.com";
        WebSession browser = new WebSession();
        Reply speaker = issue(live, email, Map.of("role", "speaker"));
        JsonNode first = redeemAsGuest(browser, speaker);
        assertThat(api.post("/invites/" + speaker.text("id") + "/revoke", ownerToken, Map.of()).status()).isEqualTo(200);
        assertThat(api.refresh(first.get("refresh_token").asText()).status()).isEqualTo(400);

        Reply viewer = issue(live, email, Map.of("role", "viewer"));
        JsonNode second = redeemAsGuest(browser, viewer);
        JsonNode grant = grantOf(second, live);
        assertThat(grant.get("role").asText()).isEqualTo("viewer");
        assertThat(grant.get("invite").asText()).isEqualTo(viewer.text("id"));
        assertThat(api.refresh(first.get("refresh_token").asText()).status()).isEqualTo(400);
    }

    @Test
    void deletingTheMediaEntryEndsInviteSessionsAndStripsJoinedGrants() {
        String alice = fixtures.user("alice");
        WebSession joinedBrowser = new WebSession();
        signIn(joinedBrowser, alice, alice);
        Reply joinedInvite = issue(mediaId, alice + "@example.com", Map.of());
        JsonNode joined = exchange(codeFrom(joinedBrowser.follow(redeem(joinedBrowser,
                joinedBrowser.get(joinedInvite.text("link"))), APP_URL)));
        JsonNode guest = redeemAsGuest(new WebSession(), issue(mediaId, Fixtures.unique("del") + "@example.com", Map.of()));

        assertThat(api.delete("/media/" + mediaId, appToken).status()).isEqualTo(200);
        assertThat(api.refresh(guest.get("refresh_token").asText()).status()).isEqualTo(400);
        JsonNode refreshed = refreshOk(joined.get("refresh_token").asText());
        assertThat(Api.claims(refreshed.get("access_token").asText()).has("media_access")).isFalse();
    }

    @Test
    void endingAnInviteSessionCallsTheAppsBackChannelLogout() throws IOException {
        List<String> logoutTokens = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/backchannel", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            logoutTokens.add(body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        ClientResource mediaApp = client("media-app");
        ClientRepresentation before = mediaApp.toRepresentation();
        ClientRepresentation withUrl = mediaApp.toRepresentation();
        withUrl.getAttributes().put("backchannel.logout.url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/backchannel");
        withUrl.getAttributes().put("backchannel.logout.session.required", "true");
        mediaApp.update(withUrl);
        try {
            Reply invite = issue(mediaId, Fixtures.unique("bcl") + "@example.com", Map.of());
            JsonNode tokens = redeemAsGuest(new WebSession(), invite);
            JsonNode access = Api.claims(tokens.get("access_token").asText());
            String sid = access.has("sid") ? access.get("sid").asText() : access.get("session_state").asText();
            api.post("/invites/" + invite.text("id") + "/revoke", ownerToken, Map.of());
            assertThat(logoutTokens).hasSize(1);
            String logoutToken = java.net.URLDecoder.decode(logoutTokens.get(0).replaceFirst("^logout_token=", ""),
                    StandardCharsets.UTF_8);
            assertThat(Api.claims(logoutToken).get("sid").asText()).isEqualTo(sid);
        } finally {
            mediaApp.update(before);
            receiver.stop(0);
        }
    }

    // ---- S12: who can be invited ------------------------------------------------------------------

    @Test
    void serviceAccountsAndAdministratorsAreRefusedAtIssuance() {
        String serviceAccountId = client("media-app").getServiceAccountUser().getId();
        UserResource serviceAccount = realm.users().get(serviceAccountId);
        UserRepresentation rep = serviceAccount.toRepresentation();
        String saEmail = Fixtures.unique("robot") + "@example.com";
        rep.setEmail(saEmail);
        rep.setEmailVerified(true);
        serviceAccount.update(rep);
        try {
            for (String email : List.of(saEmail, "media-admin@example.com")) {
                Reply refused = api.post("/media/" + mediaId + "/invites", ownerToken, IssuanceIT.invite(email));
                assertThat(refused.status()).as(email + ": " + refused).isEqualTo(400);
                assertThat(refused.error()).isEqualTo("privileged_account");
                assertThat(refused.text("field")).isEqualTo("email");
            }
            assertThat(api.get("/media/" + mediaId + "/invites", ownerToken).body()).isEmpty();
        } finally {
            rep.setEmail(null);
            serviceAccount.update(rep);
        }
    }

    @Test
    void rightsGainedAfterIssuanceAreRefusedAtRedemption() {
        String carol = fixtures.user("carol");
        Reply invite = issue(mediaId, carol + "@example.com", Map.of());
        String realmManagement = realm.clients().findByClientId("realm-management").get(0).getId();
        userResource(carol).roles().clientLevel(realmManagement)
                .add(List.of(realm.clients().get(realmManagement).roles().get("view-users").toRepresentation()));
        Page page = new WebSession().get(invite.text("link"));
        assertThat(page.status()).isIn(400, 403);
        assertThat(page.body()).contains("administrative rights");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Reply issue(String media, String email, Map<String, Object> extra) {
        Map<String, Object> body = IssuanceIT.invite(email);
        body.putAll(extra);
        Reply reply = api.post("/media/" + media + "/invites", ownerToken, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    /** A fresh address: the link alone signs its guest in (Continue, then the app's code grant). */
    private JsonNode redeemAsGuest(WebSession browser, Reply invite) {
        Page landing = browser.get(invite.text("link"));
        assertThat(landing.body()).doesNotContain("Sign in to accept");
        return exchange(codeFrom(browser.follow(redeem(browser, landing), APP_URL)));
    }

    private JsonNode exchange(String code) {
        Reply reply = api.exchangeCode(code, APP_URL);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.body();
    }

    private JsonNode refreshOk(String refreshToken) {
        Reply reply = api.refresh(refreshToken);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.body();
    }

    private static JsonNode grantOf(JsonNode tokens, String media) {
        JsonNode access = Api.claims(tokens.get("access_token").asText());
        assertThat(access.has("media_access")).as(access.toString()).isTrue();
        return access.get("media_access").get(media);
    }

    private int useCount(Reply invite) {
        return api.get("/invites/" + invite.text("id"), ownerToken).body().get("useCount").asInt();
    }

    private int sessionsOf(String username) {
        return userResource(username).getUserSessions().size();
    }

    private UserResource userResource(String usernameOrEmail) {
        List<UserRepresentation> found = usernameOrEmail.contains("@")
                ? realm.users().searchByEmail(usernameOrEmail, true) : realm.users().search(usernameOrEmail, true);
        assertThat(found).as(usernameOrEmail).hasSize(1);
        return realm.users().get(found.get(0).getId());
    }

    private ClientResource client(String clientId) {
        return realm.clients().get(realm.clients().findByClientId(clientId).get(0).getId());
    }

    private List<EventRepresentation> events(String type, Reply invite) {
        return realm.getEvents(List.of(type), null, null, null, null, null, 0, 500).stream()
                .filter(e -> e.getDetails() != null && e.getDetails().containsValue(invite.text("id")))
                .toList();
    }

    private String authUrl(String clientId, String scope) {
        return server.realmUrl("media") + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(APP_URL, StandardCharsets.UTF_8);
    }

    private static String loginAction(Page login) {
        String action = login.find("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
        assertThat(action).as(login.body()).isNotNull();
        return action.replace("&amp;", "&");
    }

    private void signIn(WebSession browser, String username, String password) {
        Page login = browser.get(authUrl("media-app", "openid"));
        Page done = browser.follow(browser.postForm(loginAction(login), Map.of("username", username, "password", password)), APP_URL);
        assertThat(done.location()).as(done.toString()).contains("code=");
    }

    private Reply passwordGrant(String username, String password) {
        return tokenRequest(Map.of("grant_type", "password", "client_id", Api.APP, "client_secret", Api.APP_SECRET,
                "username", username, "password", password));
    }

    private Reply exchangeToken(String subjectToken) {
        return tokenRequest(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "client_id", Api.APP, "client_secret", Api.APP_SECRET, "subject_token", subjectToken,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "audience", "other-app"));
    }

    private Reply tokenRequest(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return api.send(HttpRequest.newBuilder(URI.create(server.realmUrl("media") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
