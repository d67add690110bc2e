package io.mediainvites.authenticator.redeem;

import io.mediainvites.core.redeem.Refusal;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * R11, the standard entry: OpenID Connect Core 1.0 §4, "Initiating Login from a Third Party". A media app
 * that declares an initiate-login URI (client attribute {@value #ATTRIBUTE}) is not sent an authorization
 * code it never asked for. Redemption ends the sign-in with {@code response_type=none} (no code is made)
 * and sends the browser to {@code /realms/{realm}/media-invite/entry}, which sends it on to the app's
 * initiate-login URI with {@code iss}, {@code login_hint} and {@code target_link_uri} (the invite's redirect,
 * checked against the client's redirect URIs). The app then starts its own authorization request (state,
 * nonce, PKCE) that the realm's <em>Cookie (media invites)</em> step completes from the invite session
 * without a page. A client without the attribute keeps the direct code redirect (the fallback).
 */
public final class ThirdPartyLogin {

    private static final Logger LOG = Logger.getLogger(ThirdPartyLogin.class);

    /** Client attribute: the app's initiate-login URI (absolute http or https). */
    public static final String ATTRIBUTE = "mediaInvites.initiateLoginUri";
    static final String PATH = "entry";

    private final KeycloakSession session;

    ThirdPartyLogin(KeycloakSession session) {
        this.session = session;
    }

    /** The client's initiate-login URI, or null when it has none (or an unusable one: then the fallback). */
    static URI initiateLoginUri(ClientModel client) {
        String value = client == null ? null : client.getAttribute(ATTRIBUTE);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        LOG.warnf("client %s: attribute %s is not an absolute http(s) URI; invites use the direct code redirect",
                client.getClientId(), ATTRIBUTE);
        return null;
    }

    /**
     * Redemption step, just before Keycloak ends the sign-in: for a client with an initiate-login URI, no
     * code is issued and the browser goes to the entry endpoint instead of the app's redirect URI.
     */
    static void routeThroughEntry(KeycloakSession session, AuthenticationSessionModel authSession) {
        ClientModel client = authSession.getClient();
        if (initiateLoginUri(client) == null) {
            return;
        }
        RealmModel realm = client.getRealm();
        String target = authSession.getRedirectUri();
        UriBuilder entry = UriBuilder.fromUri(session.getContext().getUri().getBaseUri()).path("realms")
                .path(realm.getName()).path(RedeemResourceProviderFactory.ID).path(PATH)
                .queryParam("client_id", client.getClientId());
        if (target != null) {
            entry.queryParam("target_link_uri", target);
        }
        String url = entry.build().toString();
        authSession.setClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, OIDCResponseType.NONE);
        authSession.removeClientNote(OIDCLoginProtocol.RESPONSE_MODE_PARAM);
        authSession.setRedirectUri(url);
        authSession.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, url);
    }

    /**
     * {@code GET /realms/{realm}/media-invite/entry}: sends the browser to the client's initiate-login URI.
     * Grants nothing by itself (anyone may link to an app's initiate-login URI); the app's own authorization
     * request decides. An unknown client, one without an initiate-login URI, or a target that is not one of
     * its redirect URIs gets the refusal page.
     */
    Response enter(String clientId, String target) {
        RealmModel realm = session.getContext().getRealm();
        // S13: control characters (a NUL breaks PostgreSQL queries) or oversized values are refused up front
        if (!plain(clientId, 255) || (target != null && !plain(target, 2048))) {
            return InvitePages.message(session, null, Refusal.REDIRECT_NOT_ALLOWED, null, null);
        }
        ClientModel client = realm.getClientByClientId(clientId);
        URI initiate = client == null || !client.isEnabled() ? null : initiateLoginUri(client);
        String checkedTarget = target == null || target.isBlank() || client == null ? null
                : RedirectUtils.verifyRedirectUri(session, target, client);
        if (initiate == null || (target != null && checkedTarget == null)) {
            return InvitePages.message(session, null, Refusal.REDIRECT_NOT_ALLOWED, null, null);
        }
        StringBuilder location = new StringBuilder(initiate.toString());
        location.append(initiate.getRawQuery() == null ? '?' : '&');
        location.append("iss=").append(encode(Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName())));
        String hint = loginHint(realm);
        if (hint != null) {
            location.append("&login_hint=").append(encode(hint));
        }
        if (checkedTarget != null) {
            location.append("&target_link_uri=").append(encode(checkedTarget));
        }
        return Response.status(Response.Status.FOUND).location(URI.create(location.toString()))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }

    /** The account signed in in this browser (the invitee), as the hint the app passes on; else none. */
    private String loginHint(RealmModel realm) {
        AuthenticationManager.AuthResult signedIn = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        UserModel user = signedIn == null ? null : signedIn.getUser();
        if (user == null) {
            return null;
        }
        return user.getEmail() != null ? user.getEmail() : user.getUsername();
    }

    private static boolean plain(String value, int maxLength) {
        return value != null && value.length() <= maxLength && value.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
