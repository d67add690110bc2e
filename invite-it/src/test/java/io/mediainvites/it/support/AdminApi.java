package io.mediainvites.it.support;

import io.mediainvites.it.support.Api.Reply;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Calls of the admin REST endpoint {@code /admin/realms/{realm}/media-invites/policy}, as an admin tool makes them. */
public final class AdminApi {

    private final KeycloakServer server;
    private final Api http;

    public AdminApi(KeycloakServer server) {
        this.server = server;
        this.http = new Api(server);
    }

    /** A token of a user of {@code realm} through the realm's public {@code admin-cli} client. */
    public String userToken(String realm, String username, String password) {
        String form = Map.of("grant_type", "password", "client_id", "admin-cli", "username", username,
                        "password", password).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Reply reply = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (reply.status() != 200) {
            throw new IllegalStateException("token request failed: " + reply);
        }
        return reply.text("access_token");
    }

    /** The master realm's bootstrap admin. */
    public String masterAdminToken() {
        return server.admin().tokenManager().getAccessTokenString();
    }

    public String policyUrl(String realm) {
        return server.baseUrl() + "/admin/realms/" + realm + "/media-invites/policy";
    }

    public Reply getPolicy(String realm, String token) {
        return http.send(request(realm, token).GET());
    }

    public Reply putPolicy(String realm, String token, Object body) {
        return http.send(request(realm, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Api.json(body))));
    }

    /** GET of an admin path ({@code /admin/realms/...}) as the master realm's bootstrap admin. */
    public Reply get(String path) {
        return get(path, masterAdminToken());
    }

    /** GET of an admin path with the given bearer token. */
    public Reply get(String path, String token) {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET());
    }

    private HttpRequest.Builder request(String realm, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(policyUrl(realm)));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }
}
