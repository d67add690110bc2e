package io.mediainvites.core.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs are accepted (O11): {@code https} to any host, or {@code http} to a loopback address only
 * where the server allows it (development); no user info, no fragment.
 */
public final class WebhookUrl {

    private WebhookUrl() {
    }

    /** The URL if it is acceptable; empty otherwise. */
    public static Optional<URI> parse(String raw, boolean allowHttpLoopback) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getUserInfo() != null || uri.getFragment() != null
                || !uri.isAbsolute() || uri.isOpaque()) {
            return Optional.empty();
        }
        if (scheme.equals("https")) {
            return Optional.of(uri);
        }
        if (scheme.equals("http") && allowHttpLoopback && isLoopback(host)) {
            return Optional.of(uri);
        }
        return Optional.empty();
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
