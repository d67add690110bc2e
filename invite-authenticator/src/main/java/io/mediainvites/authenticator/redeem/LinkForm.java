package io.mediainvites.authenticator.redeem;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A link as a GET form (action without query, one hidden field per query parameter), so that a button can
 * open it without JavaScript. Empty when there is no link (a page rendered by a POST).
 */
record LinkForm(String action, List<Map<String, String>> parameters) {

    static LinkForm of(String link) {
        if (link == null || link.isBlank()) {
            return new LinkForm("", List.of());
        }
        URI uri = URI.create(link);
        int cut = link.indexOf('?') >= 0 ? link.indexOf('?') : (link.indexOf('#') >= 0 ? link.indexOf('#') : link.length());
        String action = link.substring(0, cut);
        List<Map<String, String>> parameters = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                parameters.add(Map.of("name", URLDecoder.decode(name, StandardCharsets.UTF_8),
                        "value", URLDecoder.decode(value, StandardCharsets.UTF_8)));
            }
        }
        return new LinkForm(action, List.copyOf(parameters));
    }
}
