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
 * invite stores only its SHA-256 hash. The cookie has the {@code __Host-} prefix (S3): Secure, Path=/, no
 * Domain, so no sibling host or subdomain can plant or overwrite it. Browsers accept Secure cookies over
 * plain http only from localhost/127.0.0.1 (Keycloak's own cookies are Secure too).
 */
final class DeviceCookie {

    static final String NAME = "__Host-MEDIA_INVITE_DEVICE";
    /** The name before the prefix: still read, so that browsers bound before keep their binding. */
    static final String LEGACY_NAME = "MEDIA_INVITE_DEVICE";
    private static final int MAX_AGE_SECONDS = 400 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCookie() {
    }

    /** Request attribute: the device value a move (R15) gave this browser in this request. */
    private static final String MOVED = "mi.device.moved";

    /** The browser's device value, or null when it has none yet. */
    static String read(KeycloakSession session) {
        String moved = session.getAttribute(MOVED, String.class);
        if (moved != null) {
            return moved;
        }
        var cookies = session.getContext().getRequestHeaders().getCookies();
        String value = valueOf(cookies.get(NAME));
        return value != null ? value : valueOf(cookies.get(LEGACY_NAME));
    }

    private static String valueOf(Cookie cookie) {
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

    /**
     * R15: this browser is the bound device now: the cookie is set (again) on the response, and the rest of this
     * request reads the moved value.
     */
    static void moved(KeycloakSession session, RealmModel realm, String value) {
        session.setAttribute(MOVED, value);
        write(session, realm, value);
    }

    /** Sets the cookie on the response being built (HttpOnly, Lax, {@code __Host-}: Secure, Path=/, no Domain). */
    static void write(KeycloakSession session, RealmModel realm, String value) {
        NewCookie cookie = new NewCookie.Builder(NAME)
                .value(value)
                .path("/")
                .maxAge(MAX_AGE_SECONDS)
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie);
    }
}
