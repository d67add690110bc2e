package io.mediainvites.model.http;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@code application/x-www-form-urlencoded} body ourselves (S13): the framework's reader answers a
 * malformed body such as {@code %%%} with a 500; here a malformed body is simply an empty form, which every
 * form handler already refuses as incomplete (a clear 4xx page).
 */
public final class FormBody {

    /** Larger bodies are not a form any page of ours sends. */
    public static final int MAX_LENGTH = 64 * 1024;

    private FormBody() {
    }

    /** The fields of the body; empty when the body is missing, too large or not valid form encoding. */
    public static MultivaluedMap<String, String> parse(String body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (body == null || body.isEmpty() || body.length() > MAX_LENGTH) {
            return form;
        }
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.add(name, value);
            }
        } catch (IllegalArgumentException e) {
            return new MultivaluedHashMap<>();
        }
        return form;
    }
}
