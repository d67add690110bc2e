package io.mediainvites.demo;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Calls the extension's media-invites API (documented in docs/openapi.yaml) with a bearer token. */
final class MediaApi {

    record Reply(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        Map<String, Object> object() throws Exception {
            return JSONObjectUtils.parse(body);
        }

        List<Object> array() throws Exception {
            return JSONArrayUtils.parse(body);
        }
    }

    private final DemoConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    MediaApi(DemoConfig config) {
        this.config = config;
    }

    Reply get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    Reply put(String path, String token, Map<String, ?> body) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(cast(body)))));
    }

    Reply post(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<String, ?> body) {
        return (Map<String, Object>) body;
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(config.apiBase() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private Reply send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
