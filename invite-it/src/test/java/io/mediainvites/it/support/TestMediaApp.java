package io.mediainvites.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * A tiny media app for browser tests: receives the authorization code at {@code /media}, exchanges it at
 * Keycloak's token endpoint as media-app, and shows the e-mail and the {@code media_access} claim.
 * Registers its redirect URI on media-app while it runs.
 */
public final class TestMediaApp implements AutoCloseable {

    private final HttpServer server;
    private final KeycloakServer keycloak;
    private final Api api;
    private final String redirectUri;

    public TestMediaApp(KeycloakServer keycloak) {
        this.keycloak = keycloak;
        this.api = new Api(keycloak);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        redirectUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/media";
        server.createContext("/media", this::handle);
        server.start();
        ClientResource client = mediaApp();
        ClientRepresentation rep = client.toRepresentation();
        rep.getRedirectUris().add(redirectUri);
        client.update(rep);
    }

    public String redirectUri() {
        return redirectUri;
    }

    /** The app's own login (authorization-code flow), as a "Sign in" button would start it. */
    public String loginUrl() {
        return keycloak.realmUrl(KeycloakServer.DEMO_REALM) + "/protocol/openid-connect/auth?client_id=media-app"
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String code = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("code=")) {
                    code = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                }
            }
        }
        String html;
        if (code == null) {
            html = "<h1>Media app</h1><p id=\"status\">no code</p>";
        } else {
            Api.Reply tokens = api.exchangeCode(code, redirectUri);
            if (tokens.status() != 200) {
                html = "<h1>Media app</h1><p id=\"status\">token error " + tokens.status() + "</p>";
            } else {
                JsonNode access = Api.claims(tokens.text("access_token"));
                JsonNode grants = access.get("media_access");
                html = "<h1>Media app</h1><p id=\"status\">signed in</p><p id=\"email\">" + access.get("email").asText()
                        + "</p><pre id=\"claims\">" + (grants == null ? "{}" : grants.toString()) + "</pre>";
            }
        }
        byte[] body = ("<!doctype html><html><body>" + html + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private ClientResource mediaApp() {
        var clients = keycloak.admin().realm(KeycloakServer.DEMO_REALM).clients();
        List<ClientRepresentation> found = clients.findByClientId("media-app");
        return clients.get(found.get(0).getId());
    }

    @Override
    public void close() {
        server.stop(0);
        ClientResource client = mediaApp();
        ClientRepresentation rep = client.toRepresentation();
        rep.getRedirectUris().remove(redirectUri);
        client.update(rep);
    }
}
