package io.mediainvites.core.http;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict reading of a request's {@code Content-Type} (RFC 9110 section 8.3): a JSON body must say exactly one
 * media type, {@code application/json} or {@code application/*+json}, optionally with parameters; a charset,
 * if given, must be UTF-8. Lists ({@code application/json, text/plain}), repeated headers and garbage are
 * refused, so the API answers 400 instead of guessing.
 */
public final class ContentTypes {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\\\]|\\\\.)*\"");

    private ContentTypes() {
    }

    /** Whether the header values (all {@code Content-Type} headers of the request) name one JSON media type. */
    public static boolean isJson(List<String> headerValues) {
        if (headerValues == null || headerValues.size() != 1) {
            return false;
        }
        return isJson(headerValues.get(0));
    }

    /** Whether one {@code Content-Type} value names a JSON media type. */
    public static boolean isJson(String value) {
        if (value == null || value.isBlank() || value.length() > 256) {
            return false;
        }
        String[] parts = value.split(";", -1);
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0 || slash != type.lastIndexOf('/')) {
            return false;
        }
        String main = type.substring(0, slash);
        String sub = type.substring(slash + 1);
        if (!TOKEN.matcher(main).matches() || !TOKEN.matcher(sub).matches()) {
            return false;
        }
        if (!main.equals("application") || !(sub.equals("json") || sub.endsWith("+json") && sub.length() > 5)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int eq = parameter.indexOf('=');
            if (eq <= 0) {
                return false;
            }
            String name = parameter.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String raw = parameter.substring(eq + 1).strip();
            if (!TOKEN.matcher(name).matches()
                    || !(TOKEN.matcher(raw).matches() || QUOTED.matcher(raw).matches())) {
                return false;
            }
            String unquoted = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
            if (name.equals("charset") && !unquoted.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }
}
