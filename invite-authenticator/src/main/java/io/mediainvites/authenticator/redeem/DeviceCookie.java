package io.mediainvites.authenticator.redeem;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The browser's device identity for device binding (R3): a random value in an HttpOnly cookie; the
 * invite stores only its SHA-256 hash.
 */
final class DeviceCookie {

    static final String NAME = "MEDIA_INVITE_DEVICE";
    private static final int MAX_AGE_SECONDS = 400 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCookie() {
    }

    /** The browser's device value, or null when it has none yet. */
    static String read(KeycloakSession session) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(NAME);
        return cookie == null || cookie.getValue() == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    static String hashOf(String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String newValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Sets the cookie on the response being built (HttpOnly, Lax, realm path, Secure on https). */
    static void write(KeycloakSession session, RealmModel realm, String value) {
        boolean secure = "https".equalsIgnoreCase(session.getContext().getUri().getBaseUri().getScheme());
        String path = session.getContext().getUri().getBaseUri().getPath();
        path = (path.endsWith("/") ? path : path + "/") + "realms/" + realm.getName() + "/";
        NewCookie cookie = new NewCookie.Builder(NAME)
                .value(value)
                .path(path)
                .maxAge(MAX_AGE_SECONDS)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie);
    }
}
