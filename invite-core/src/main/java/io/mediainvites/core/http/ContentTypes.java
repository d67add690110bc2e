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

    /**
     * Whether the header values are one well-formed media type ({@code type/subtype} with optional
     * {@code ; name=value} parameters), of any type. Anything else (a list, several headers, garbage) is a value a
     * framework parser may choke on.
     */
    public static boolean isWellFormed(List<String> headerValues) {
        return headerValues != null && headerValues.size() == 1 && parse(headerValues.get(0)) != null;
    }

    /** Whether one {@code Content-Type} value names a JSON media type. */
    public static boolean isJson(String value) {
        String type = parse(value);
        if (type == null) {
            return false;
        }
        String sub = type.substring(type.indexOf('/') + 1);
        if (!type.startsWith("application/") || !(sub.equals("json") || sub.endsWith("+json") && sub.length() > 5)) {
            return false;
        }
        for (String parameter : value.split(";", -1)) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String raw = parameter.substring(eq + 1).strip();
                String unquoted = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
                if (!unquoted.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The lower-case {@code type/subtype} of a well-formed value, or null. */
    private static String parse(String value) {
        if (value == null || value.isBlank() || value.length() > 256) {
            return null;
        }
        String[] parts = value.split(";", -1);
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0 || slash != type.lastIndexOf('/')) {
            return null;
        }
        if (!TOKEN.matcher(type.substring(0, slash)).matches() || !TOKEN.matcher(type.substring(slash + 1)).matches()) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int eq = parameter.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String name = parameter.substring(0, eq).strip();
            String raw = parameter.substring(eq + 1).strip();
            if (!TOKEN.matcher(name).matches() || !(TOKEN.matcher(raw).matches() || QUOTED.matcher(raw).matches())) {
                return null;
            }
        }
        return type;
    }
}
