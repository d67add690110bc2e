package io.mediainvites.model.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.mediainvites.core.http.ContentTypes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;

/**
 * S13: a request whose {@code Content-Type} the framework cannot parse (a list such as
 * {@code application/json, text/plain}, garbage) makes Keycloak's security-headers response filter throw, which
 * turns any answer, ours included, into a 500. {@link #guard} detects such a request with the very call that
 * filter makes, tells the filter to skip, and puts the same security headers on our answer itself (the realm's
 * values, as the filter would: the REST set for JSON, all for HTML).
 */
public final class RequestContentType {

    private static final Set<BrowserSecurityHeaders> REST = EnumSet.of(BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY,
            BrowserSecurityHeaders.X_FRAME_OPTIONS, BrowserSecurityHeaders.X_CONTENT_TYPE_OPTIONS,
            BrowserSecurityHeaders.REFERRER_POLICY, BrowserSecurityHeaders.X_ROBOTS_TAG);

    private RequestContentType() {
    }

    /**
     * Whether the request's Content-Type may trip the framework's parser: it is present and not exactly one
     * well-formed media type (our strict grammar; over-detecting is harmless, the headers are the same), or the
     * framework itself fails on it.
     */
    public static boolean unparseable(KeycloakSession session) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        List<String> values = headers.getRequestHeader(HttpHeaders.CONTENT_TYPE);
        if (values == null || values.isEmpty()) {
            return false;
        }
        if (!ContentTypes.isWellFormed(values)) {
            return true;
        }
        try {
            headers.getMediaType();
            MediaType.valueOf(values.get(0));
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The answer unchanged, or, for an unparseable request Content-Type, with the security headers set here. */
    public static Response guard(KeycloakSession session, Response response) {
        if (!unparseable(session)) {
            return response;
        }
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        Map<String, String> values = session.getContext().getRealm() == null ? Map.of()
                : session.getContext().getRealm().getBrowserSecurityHeaders();
        boolean html = response.getMediaType() != null && response.getMediaType().isCompatible(MediaType.TEXT_HTML_TYPE);
        Response.ResponseBuilder builder = Response.fromResponse(response);
        for (BrowserSecurityHeaders header : html ? EnumSet.allOf(BrowserSecurityHeaders.class) : REST) {
            String value = values.getOrDefault(header.getKey(), header.getDefaultValue());
            if (value != null && !value.isEmpty()) {
                builder.header(header.getHeaderName(), value);
            }
        }
        return builder.build();
    }
}
