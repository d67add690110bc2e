package io.mediainvites.demo;

import java.net.URI;

/**
 * Where the demo media app runs and which Keycloak client it is. Defaults are the demo realm of
 * {@code realm-export.json} and the README's run command; system properties {@code demo.*} override them.
 *
 * @param keycloakUrl Keycloak's base URL, e.g. {@code http://localhost:8080}
 * @param realm the realm
 * @param clientId the confidential OIDC client (with a service account holding {@code invite-manager})
 * @param clientSecret its secret
 * @param baseUrl this app's own public URL, e.g. {@code http://localhost:3000} (no trailing slash)
 * @param port the port to listen on (0: any free port; then baseUrl's port is ignored)
 */
public record DemoConfig(String keycloakUrl, String realm, String clientId, String clientSecret, String baseUrl, int port) {

    public static final int DEFAULT_PORT = 3000;

    public static DemoConfig fromSystemProperties(String keycloakUrl) {
        int port = Integer.getInteger("demo.port", DEFAULT_PORT);
        return new DemoConfig(System.getProperty("demo.keycloak.url", keycloakUrl),
                System.getProperty("demo.realm", "media"),
                System.getProperty("demo.client.id", "media-app"),
                System.getProperty("demo.client.secret", "media-app-secret"),
                System.getProperty("demo.base.url", "http://localhost:" + port), port);
    }

    /** The realm's issuer, as in its tokens and discovery document. */
    public String issuer() {
        return keycloakUrl + "/realms/" + realm;
    }

    /** The media-invites API base of the realm. */
    public String apiBase() {
        return issuer() + "/media-invites";
    }

    public URI callbackUri() {
        return URI.create(baseUrl + "/callback");
    }

    public DemoConfig withBaseUrl(String url) {
        return new DemoConfig(keycloakUrl, realm, clientId, clientSecret, url, port);
    }
}
