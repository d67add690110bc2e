package io.mediainvites.demo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
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
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.util.Map;

/**
 * The app's sign-in, by the book: authorization code with state, nonce and PKCE (S256), the callback parsed
 * and the ID token validated by the Nimbus SDK. Nothing here knows about invites; the standard entry (OIDC
 * Core §4) is an ordinary third-party-initiated login.
 */
final class OidcLogin {

    /** What a browser's sign-in in progress remembers (in the app's own session). */
    record Pending(State state, Nonce nonce, CodeVerifier verifier, String target) {
    }

    /** A completed sign-in: the tokens and the access token's claims. */
    record Tokens(String accessToken, String refreshToken, String idToken, Map<String, Object> claims) {
    }

    private final DemoConfig config;
    private final ClientID clientId;
    private final Secret secret;
    private volatile OIDCProviderMetadata metadata;

    OidcLogin(DemoConfig config) {
        this.config = config;
        this.clientId = new ClientID(config.clientId());
        this.secret = new Secret(config.clientSecret());
    }

    OIDCProviderMetadata metadata() throws Exception {
        OIDCProviderMetadata m = metadata;
        if (m == null) {
            m = OIDCProviderMetadata.resolve(new Issuer(config.issuer()));
            metadata = m;
        }
        return m;
    }

    /** The authorization request to send the browser to, and what to remember for its callback. */
    URI start(Pending pending, String loginHint) throws Exception {
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "email", "profile"), clientId, config.callbackUri())
                .endpointURI(metadata().getAuthorizationEndpointURI())
                .state(pending.state()).nonce(pending.nonce())
                .codeChallenge(pending.verifier(), CodeChallengeMethod.S256);
        if (loginHint != null && !loginHint.isBlank()) {
            request.loginHint(loginHint);
        }
        return request.build().toURI();
    }

    static Pending newPending(String target) {
        return new Pending(new State(), new Nonce(), new CodeVerifier(), target);
    }

    /** The callback: state must match, the code is exchanged with the PKCE verifier, the ID token validated. */
    Tokens complete(Pending pending, URI callback) throws Exception {
        AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
        if (!pending.state().equals(response.getState())) {
            throw new SecurityException("state mismatch");
        }
        if (!response.indicatesSuccess()) {
            throw new SecurityException(response.toErrorResponse().getErrorObject().getCode());
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        Tokens tokens = tokens(new AuthorizationCodeGrant(code, config.callbackUri(), pending.verifier()));
        new IDTokenValidator(metadata().getIssuer(), clientId, JWSAlgorithm.RS256, metadata().getJWKSetURI().toURL())
                .validate(JWTParser.parse(tokens.idToken()), pending.nonce());
        return tokens;
    }

    /** New tokens for the same session (current claims); throws when the session has ended. */
    Tokens refresh(Tokens current) throws Exception {
        Tokens fresh = tokens(new RefreshTokenGrant(new RefreshToken(current.refreshToken())));
        return fresh.idToken() == null ? new Tokens(fresh.accessToken(), fresh.refreshToken(), current.idToken(),
                fresh.claims()) : fresh;
    }

    /** The app's own service-account token (client credentials). */
    String serviceAccountToken() throws Exception {
        return tokens(new ClientCredentialsGrant()).accessToken();
    }

    private Tokens tokens(AuthorizationGrant grant) throws Exception {
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(metadata().getTokenEndpointURI(),
                new ClientSecretBasic(clientId, secret), grant).toHTTPRequest().send());
        if (!response.indicatesSuccess()) {
            throw new SecurityException("token endpoint: " + response.toErrorResponse().getErrorObject().getCode());
        }
        var ok = response.toSuccessResponse();
        String id = ok instanceof OIDCTokenResponse oidc && oidc.getOIDCTokens().getIDToken() != null
                ? oidc.getOIDCTokens().getIDTokenString() : null;
        String access = ok.getTokens().getAccessToken().getValue();
        RefreshToken refresh = ok.getTokens().getRefreshToken();
        return new Tokens(access, refresh == null ? null : refresh.getValue(), id,
                JWTParser.parse(access).getJWTClaimsSet().getClaims());
    }

    URI endSessionUri(String idToken) throws Exception {
        URI endpoint = metadata().getEndSessionEndpointURI();
        return URI.create(endpoint + "?client_id=" + Html.url(config.clientId()) + "&post_logout_redirect_uri="
                + Html.url(config.baseUrl() + "/") + (idToken == null ? "" : "&id_token_hint=" + Html.url(idToken)));
    }
}
