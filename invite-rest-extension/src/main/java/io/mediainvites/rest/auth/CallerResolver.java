package io.mediainvites.rest.auth;

import io.mediainvites.rest.api.ApiException;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Verifies the bearer token of a request: missing, malformed, invalid or expired means 401 (S13). The
 * {@code Authorization} header is read here (exactly one, {@code Bearer <token>} per RFC 6750), so a malformed
 * header is our 401 and never reaches Keycloak's parser, whose exception would otherwise surface as a 500.
 */
public final class CallerResolver {

    /** RFC 6750 b64token. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private CallerResolver() {
    }

    public static Caller resolve(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        String token = bearerToken(session.getContext().getRequestHeaders().getRequestHeader(HttpHeaders.AUTHORIZATION));
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).setTokenString(token)
                .authenticate();
        if (result == null || result.getUser() == null || result.getClient() == null || !result.getUser().isEnabled()) {
            throw ApiException.invalidToken();
        }
        String link = result.getUser().getServiceAccountClientLink();
        boolean serviceAccount = link != null && link.equals(result.getClient().getId());
        return new Caller(result.getUser(), result.getClient(), result.getToken(), serviceAccount);
    }

    /**
     * The token of the one {@code Authorization: Bearer <token>} header.
     *
     * @throws ApiException 401 {@code not_authenticated} when there is none, several, or it is not a bearer token
     */
    static String bearerToken(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            throw ApiException.notAuthenticated();
        }
        if (headers.size() > 1) {
            throw ApiException.invalidToken("Send exactly one Authorization header.");
        }
        String value = headers.get(0) == null ? "" : headers.get(0).strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw ApiException.invalidToken("The Authorization header must be 'Bearer <access token>'.");
        }
        String token = value.substring(space + 1).strip();
        if (!B64TOKEN.matcher(token).matches()) {
            throw ApiException.invalidToken("The Authorization header must carry exactly one access token.");
        }
        return token;
    }
}
