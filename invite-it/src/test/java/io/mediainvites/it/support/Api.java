package io.mediainvites.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for the media-invites API and the realm's token endpoint, as a media app uses them. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String APP = "media-app";
    public static final String APP_SECRET = "media-app-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String realmUrl;

    public Api(KeycloakServer server) {
        this(server, KeycloakServer.DEMO_REALM);
    }

    public Api(KeycloakServer server, String realm) {
        this.realmUrl = server.realmUrl(realm);
    }

    /** A JSON answer: status, body and headers. */
    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        public String error() {
            return body == null || body.get("error") == null ? null : body.get("error").asText();
        }

        public String text(String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public String passwordToken(String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", APP, "client_secret", APP_SECRET,
                "username", username, "password", password, "scope", "openid"));
    }

    public String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    public String serviceAccountToken() {
        return clientToken(APP, APP_SECRET);
    }

    private String token(Map<String, String> form) {
        Reply reply = send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
        if (reply.status() != 200) {
            throw new IllegalStateException("token request failed: " + reply);
        }
        return reply.text("access_token");
    }

    /** The authorization-code grant of media-app: what a media app does with the code it receives. */
    public Reply exchangeCode(String code, String redirectUri) {
        return send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "client_id", APP, "client_secret", APP_SECRET, "code", code, "redirect_uri", redirectUri)))));
    }

    /** The refresh-token grant of media-app. */
    public Reply refresh(String refreshToken) {
        return send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "refresh_token",
                        "client_id", APP, "client_secret", APP_SECRET, "refresh_token", refreshToken)))));
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Reply get(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token).GET();
        headers.forEach(builder::header);
        return send(builder);
    }

    public Reply put(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    public Reply post(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : json(body))));
    }

    public Reply delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            String text = response.body();
            if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                body = JSON.readTree(text);
            }
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(realmUrl + "/media-invites" + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** The claims of a JWT (no verification: the server verifies; tests read what it put in). */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
