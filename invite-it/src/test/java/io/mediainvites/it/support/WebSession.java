package io.mediainvites.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One "browser" without JavaScript: keeps its own cookies and forwards them by hand (Keycloak's cookies
 * are Secure even on plain http, which Java's cookie handler would drop), follows no redirects by itself.
 */
public final class WebSession {

    private final HttpClient http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** A browser with its own HTTP client (its own connections). */
    public WebSession() {
        this(newClient());
    }

    /**
     * A browser whose requests go through a shared client (pooled keep-alive connections, as one browser
     * process keeps them); its cookies stay its own. Load generators use this so that they measure the
     * server, not the setup of a client per sign-in.
     */
    public WebSession(HttpClient shared) {
        this.http = shared;
    }

    /** An HTTP/1.1 client that follows no redirects, as {@link WebSession} needs. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public record Page(int status, String body, URI uri, HttpResponse<String> raw) {
        public String location() {
            return raw.headers().firstValue("Location").orElse(null);
        }

        /** Value of the first match of a regex group 1, or null. */
        public String find(String regex) {
            Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(body);
            return m.find() ? m.group(1).replace("&amp;", "&") : null;
        }

        @Override
        public String toString() {
            return status + " " + uri + (location() == null ? "" : " -> " + location());
        }
    }

    public Page get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), URI.create(url));
    }

    public Page head(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                URI.create(url));
    }

    public Page postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), URI.create(url));
    }

    /** A POST with a body exactly as given (malformed forms, other content types). */
    public Page postRaw(String url, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), URI.create(url));
    }

    /** Follows redirects by hand until a page is not a redirect or leaves Keycloak (returns that redirect). */
    public Page follow(Page page, String stopAtPrefix) {
        Page current = page;
        for (int i = 0; i < 10 && current.status() >= 300 && current.status() < 400; i++) {
            String location = current.location();
            if (location.startsWith(stopAtPrefix)) {
                return current;
            }
            current = get(current.uri().resolve(location).toString());
        }
        return current;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    private Page send(HttpRequest.Builder builder, URI uri) {
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            for (String header : setCookies) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = header.toLowerCase().contains("max-age=0") || value.isEmpty();
                if (expired) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Page(response.statusCode(), response.body(), uri, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
