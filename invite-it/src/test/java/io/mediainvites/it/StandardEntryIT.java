package io.mediainvites.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.mediainvites.it.support.Api;
import io.mediainvites.it.support.Api.Reply;
import io.mediainvites.it.support.Fixtures;
import io.mediainvites.it.support.KeycloakExtension;
import io.mediainvites.it.support.KeycloakIT;
import io.mediainvites.it.support.KeycloakServer;
import io.mediainvites.it.support.WebSession;
import io.mediainvites.it.support.WebSession.Page;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * R11, the standard entry: after a redemption the invitee goes to the app's initiate-login URI (OIDC Core
 * §4) and a stock Nimbus relying party, with state, nonce and PKCE checked by the library, completes its
 * own authorization request from the invite session. The RP code below has nothing invite-specific.
 */
@KeycloakIT
class StandardEntryIT {

    /** Nothing listens there: the test reads the redirect, as the app's endpoint would. */
    static final String INITIATE = "http://127.0.0.1:9/login/initiate";
    static final String CALLBACK = "http://127.0.0.1/callback";

    private KeycloakServer server;
    private Api api;
    private String ownerToken;
    private String mediaId;

    @BeforeEach
    void setUp(KeycloakServer server) {
        this.server = server;
        api = new Api(server);
        Fixtures fixtures = new Fixtures(server);
        String appToken = api.serviceAccountToken();
        String owner = fixtures.user("owner");
        ownerToken = api.passwordToken(owner, owner);
        mediaId = Fixtures.unique("video");
        assertThat(api.put("/media/" + mediaId, appToken, IssuanceIT.media("video", owner, "owner")).status()).isEqualTo(201);
        setInitiateLoginUri(server, INITIATE);
    }

    @AfterEach
    void tearDown() {
        setInitiateLoginUri(server, "");
    }

    /** Sets (or, with "", clears) media-app's initiate-login URI. */
    static void setInitiateLoginUri(KeycloakServer server, String uri) {
        ClientRepresentation rep = server.admin().realm(KeycloakServer.DEMO_REALM).clients().findByClientId(Api.APP).get(0);
        ClientResource client = server.admin().realm(KeycloakServer.DEMO_REALM).clients().get(rep.getId());
        rep.getAttributes().put(KeycloakExtension.INITIATE_LOGIN_URI, uri);
        client.update(rep);
    }

    @Test
    void aStockNimbusRelyingPartyCompletesItsOwnRequestAfterARedemption() throws Exception {
        String email = Fixtures.unique("std") + "@example.com";
        Reply invite = issue(email);
        WebSession browser = new WebSession();
        Page landing = browser.get(invite.text("link"));
        Page entry = browser.follow(RedemptionIT.redeem(browser, landing), INITIATE);

        // OIDC Core §4: iss, login_hint, target_link_uri; no code was handed out on the way
        assertThat(entry.status()).as(entry.toString()).isEqualTo(302);
        assertThat(entry.location()).startsWith(INITIATE + "?").doesNotContain("code=").doesNotContain("state=");
        Map<String, String> initiate = query(entry.location());
        String issuer = server.realmUrl(KeycloakServer.DEMO_REALM);
        assertThat(initiate).containsEntry("iss", issuer).containsEntry("login_hint", email)
                .containsEntry("target_link_uri", RedemptionIT.APP_URL);

        // ---- a stock RP from here on: its own request, checked by the library --------------------
        OIDCProviderMetadata op = OIDCProviderMetadata.resolve(new Issuer(initiate.get("iss")));
        ClientID clientId = new ClientID(Api.APP);
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email"),
                clientId, URI.create(CALLBACK)).endpointURI(op.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).loginHint(initiate.get("login_hint")).build();
        // completed from the invite session: no page on the way
        Page callback = browser.follow(browser.get(request.toURI().toString()), CALLBACK);
        assertThat(callback.status()).as(callback + "\n" + callback.body()).isEqualTo(302);
        AuthenticationResponse response = AuthenticationResponseParser.parse(URI.create(callback.location()));
        assertThat(response.indicatesSuccess()).as(callback.location()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        TokenResponse tokenResponse = OIDCTokenResponseParser.parse(new TokenRequest(op.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, new Secret(Api.APP_SECRET)),
                new AuthorizationCodeGrant(code, URI.create(CALLBACK), verifier)).toHTTPRequest().send());
        assertThat(tokenResponse.indicatesSuccess())
                .as(() -> tokenResponse.toErrorResponse().getErrorObject().toJSONObject().toString()).isTrue();
        OIDCTokens tokens = ((OIDCTokenResponse) tokenResponse.toSuccessResponse()).getOIDCTokens();
        IDTokenClaimsSet idClaims = new IDTokenValidator(op.getIssuer(), clientId, JWSAlgorithm.RS256,
                op.getJWKSetURI().toURL()).validate(tokens.getIDToken(), nonce);
        assertThat(idClaims.getStringClaim("email")).isEqualTo(email);

        // the tokens carry the grant as with the direct redirect
        JsonNode grant = Api.claims(tokens.getAccessToken().getValue()).get("media_access").get(mediaId);
        assertThat(grant.get("role").asText()).isEqualTo("viewer");
        assertThat(grant.get("invite").asText()).isEqualTo(invite.text("id"));

        // a replayed callback (same code) is refused by Keycloak; a wrong verifier too
        TokenResponse replay = OIDCTokenResponseParser.parse(new TokenRequest(op.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, new Secret(Api.APP_SECRET)),
                new AuthorizationCodeGrant(code, URI.create(CALLBACK), verifier)).toHTTPRequest().send());
        assertThat(replay.indicatesSuccess()).isFalse();
    }

    @Test
    void anExistingAccountsOwnSignInAlsoEndsAtTheStandardEntry() {
        String alice = new Fixtures(server).user("alice");
        Reply invite = issue(alice + "@example.com");
        WebSession browser = new WebSession();
        Page login = browser.follow(RedemptionIT.redeem(browser, browser.get(invite.text("link"))), INITIATE);
        assertThat(login.body()).contains("id=\"kc-form-login\"");
        String action = login.find("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").replace("&amp;", "&");
        Page entry = browser.follow(browser.postForm(action, Map.of("password", alice)), INITIATE);
        assertThat(entry.status()).as(entry + "\n" + entry.body()).isEqualTo(302);
        assertThat(entry.location()).startsWith(INITIATE + "?").doesNotContain("code=");
        assertThat(query(entry.location())).containsEntry("login_hint", alice + "@example.com")
                .containsEntry("target_link_uri", RedemptionIT.APP_URL);
        Page own = browser.follow(browser.get(authUrl(Api.APP, CALLBACK, "s5")), CALLBACK);
        assertThat(own.location()).as(own.toString()).startsWith(CALLBACK).contains("code=").contains("state=s5");
    }

    @Test
    void theEntryAloneSignsNobodyIn() {
        WebSession stranger = new WebSession();
        Page entry = stranger.get(entryUrl(Api.APP, RedemptionIT.APP_URL));
        assertThat(entry.status()).as(entry + "\n" + entry.body()).isEqualTo(302);
        assertThat(entry.location()).startsWith(INITIATE + "?").doesNotContain("login_hint");
        // the app's own request in a browser without an invite session: the sign-in page, no code
        Page login = stranger.follow(stranger.get(authUrl(Api.APP, CALLBACK, "s1")), CALLBACK);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("kc-form-login");
    }

    @Test
    void theEntryRefusesTargetsOutsideTheRedirectUrisAndClientsWithoutAnInitiateLoginUri() {
        WebSession attacker = new WebSession();
        for (String url : new String[] {
                entryUrl(Api.APP, "https://evil.example/steal"),
                entryUrl(Api.APP, "http://localhost.evil.example/media"),
                entryUrl("other-app", "http://127.0.0.1/other"),
                entryUrl("no-such-client", "http://127.0.0.1/other"),
                entryUrl("x".repeat(300), RedemptionIT.APP_URL),
                server.realmUrl(KeycloakServer.DEMO_REALM) + "/media-invite/entry"}) {
            Page refused = attacker.get(url);
            assertThat(refused.status()).as(url + " -> " + refused).isEqualTo(400);
            assertThat(refused.location()).as(url).isNull();
            assertThat(refused.body()).contains("redirect_not_allowed");
        }
        // control characters: refused (by Keycloak's own query check or by ours), never a 500 or a redirect
        for (String url : new String[] {entryUrl("media-app\u0000", RedemptionIT.APP_URL),
                entryUrl(Api.APP, RedemptionIT.APP_URL + "\u0000"), entryUrl(Api.APP, RedemptionIT.APP_URL + "\n")}) {
            Page refused = attacker.get(url);
            assertThat(refused.status()).as(url + " -> " + refused).isEqualTo(400);
            assertThat(refused.location()).as(url).isNull();
        }
        // an unusable initiate-login URI is no entry: the redemption keeps the direct code redirect
        setInitiateLoginUri(server, "javascript:alert(1)");
        assertThat(attacker.get(entryUrl(Api.APP, RedemptionIT.APP_URL)).status()).isEqualTo(400);
        Reply invite = issue(Fixtures.unique("std-js") + "@example.com");
        WebSession invitee = new WebSession();
        Page end = invitee.follow(RedemptionIT.redeem(invitee, invitee.get(invite.text("link"))), RedemptionIT.APP_URL);
        assertThat(RedemptionIT.codeFrom(end)).isNotBlank();
    }

    @Test
    void theInviteSessionCompletesNoOtherClientAndNothingAfterRevocation() {
        Reply invite = issue(Fixtures.unique("std-rev") + "@example.com");
        WebSession browser = new WebSession();
        Page entry = browser.follow(RedemptionIT.redeem(browser, browser.get(invite.text("link"))), INITIATE);
        assertThat(entry.location()).startsWith(INITIATE);

        // another app's request: not completed from the invite session
        Page other = browser.follow(browser.get(authUrl("other-app", "http://127.0.0.1/other", "s2")), "http://127.0.0.1/other");
        assertThat(other.location() == null ? "" : other.location()).doesNotContain("code=");
        assertThat(other.body()).contains("kc-form-login");

        // its own app: completed; after revocation: no longer
        Page own = browser.follow(browser.get(authUrl(Api.APP, CALLBACK, "s3")), CALLBACK);
        assertThat(own.location()).as(own.toString()).startsWith(CALLBACK).contains("code=").contains("state=s3");
        assertThat(api.post("/invites/" + invite.text("id") + "/revoke", ownerToken, null).status()).isEqualTo(200);
        Page after = browser.follow(browser.get(authUrl(Api.APP, CALLBACK, "s4")), CALLBACK);
        assertThat(after.location() == null ? "" : after.location()).doesNotContain("code=");
        assertThat(after.body()).contains("kc-form-login");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Reply issue(String email) {
        Reply reply = api.post("/media/" + mediaId + "/invites", ownerToken, IssuanceIT.invite(email));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    private String entryUrl(String clientId, String target) {
        return server.realmUrl(KeycloakServer.DEMO_REALM) + "/media-invite/entry?client_id=" + enc(clientId)
                + "&target_link_uri=" + enc(target);
    }

    /** A plain authorization request with state and PKCE, as any RP sends it. */
    private String authUrl(String clientId, String redirect, String state) {
        return server.realmUrl(KeycloakServer.DEMO_REALM) + "/protocol/openid-connect/auth?client_id=" + enc(clientId)
                + "&response_type=code&scope=openid&state=" + state + "&nonce=n-" + state
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&redirect_uri="
                + enc(redirect);
    }

    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
