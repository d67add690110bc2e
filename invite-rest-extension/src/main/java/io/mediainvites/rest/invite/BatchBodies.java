package io.mediainvites.rest.invite;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.rest.api.ApiException;
import io.mediainvites.rest.api.JsonBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a batch body (O9), JSON or CSV, into {@link BatchRequest}, or refuses the whole body with a 400 before
 * anything is written: more than {@link #MAX_ROWS} rows or {@link #MAX_BODY_BYTES} bytes
 * ({@code batch_too_large}), malformed JSON ({@code invalid_json}), a malformed CSV or a bad header row
 * ({@code invalid_csv}), no rows ({@code invalid_request}). A CSV value that cannot be read (a number that is
 * none) fails only its row. Parsing CSV is Apache Commons CSV's (RFC 4180: quotes, embedded commas and
 * line breaks), shaded into the bundle.
 */
public final class BatchBodies {

    public static final int MAX_ROWS = 100;
    /** 100 rows of long names, addresses and redirect URIs fit well below this. */
    public static final int MAX_BODY_BYTES = 128 * 1024;

    /** CSV columns (header names, case-insensitive) and how each sets its field. */
    private static final Map<String, BiConsumer<InviteRequest, String>> COLUMNS = new LinkedHashMap<>();
    private static final List<String> REQUIRED = List.of("email", "firstName", "lastName");

    static {
        COLUMNS.put("email", (r, v) -> r.email = v);
        COLUMNS.put("firstName", (r, v) -> r.firstName = v);
        COLUMNS.put("lastName", (r, v) -> r.lastName = v);
        COLUMNS.put("role", (r, v) -> r.role = v);
        COLUMNS.put("lifetimeSeconds", (r, v) -> r.lifetimeSeconds = v == null ? null : whole(v, "lifetimeSeconds"));
        COLUMNS.put("useLimit", (r, v) -> r.useLimit = v == null ? null : wholeInt(v, "useLimit"));
        COLUMNS.put("sendEmail", (r, v) -> r.sendEmail = v == null ? null : yesNo(v));
        COLUMNS.put("redirectUri", (r, v) -> r.redirectUri = v);
        COLUMNS.put("inviter", (r, v) -> r.inviter = v);
    }

    private BatchBodies() {
    }

    public static BatchRequest json(InputStream body) {
        BatchRequest.Json parsed = JsonBodies.read(read(body), BatchRequest.Json.class);
        if (parsed.invites == null || parsed.invites.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "invites", "The batch needs at least one invite in 'invites'.");
        }
        requireAtMostMaxRows(parsed.invites.size());
        List<BatchRequest.Row> rows = new ArrayList<>();
        for (InviteRequest request : parsed.invites) {
            if (request == null) {
                rows.add(BatchRequest.Row.unreadable(new ApiException(ErrorCode.INVALID_REQUEST, "The row is empty.")));
            } else {
                rows.add(BatchRequest.Row.of(withDefaults(request, parsed.inviter, parsed.redirectUri)));
            }
        }
        return new BatchRequest(rows, Boolean.TRUE.equals(parsed.dryRun));
    }

    /**
     * @param inviter     default inviter of every row without one (query parameter)
     * @param redirectUri default redirect URI of every row without one (query parameter)
     */
    public static BatchRequest csv(InputStream body, boolean dryRun, String inviter, String redirectUri) {
        String text = read(body);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark, as spreadsheet programs write it
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        List<BatchRequest.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new ApiException(ErrorCode.INVALID_CSV, "header", "The CSV body is empty; it needs a header row.");
            }
            List<String> header = header(records.next());
            while (records.hasNext()) {
                CSVRecord record = records.next();
                requireAtMostMaxRows(rows.size() + 1);
                rows.add(row(header, record, inviter, redirectUri));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ApiException(ErrorCode.INVALID_CSV, "The body is not valid CSV (RFC 4180), e.g. a quote is not closed.");
        }
        if (rows.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "invites", "The CSV has a header but no invite rows.");
        }
        return new BatchRequest(rows, dryRun);
    }

    /** The canonical column names of the header row, in order. */
    private static List<String> header(CSVRecord record) {
        List<String> names = new ArrayList<>();
        for (String raw : record) {
            String name = canonical(raw);
            if (name == null) {
                throw new ApiException(ErrorCode.INVALID_CSV, "header", "Unknown column '" + shorten(raw)
                        + "' in the header row; the columns are " + String.join(", ", COLUMNS.keySet()) + ".");
            }
            if (names.contains(name)) {
                throw new ApiException(ErrorCode.INVALID_CSV, "header", "The column '" + name + "' appears twice in the header row.");
            }
            names.add(name);
        }
        for (String required : REQUIRED) {
            if (!names.contains(required)) {
                throw new ApiException(ErrorCode.INVALID_CSV, "header", "The header row needs the columns "
                        + String.join(", ", REQUIRED) + "; '" + required + "' is missing.");
            }
        }
        return names;
    }

    private static BatchRequest.Row row(List<String> header, CSVRecord record, String inviter, String redirectUri) {
        if (record.size() != header.size()) {
            return BatchRequest.Row.unreadable(new ApiException(ErrorCode.INVALID_CSV, "The row has " + record.size()
                    + " values; the header row has " + header.size() + " columns."));
        }
        InviteRequest request = new InviteRequest();
        try {
            for (int i = 0; i < header.size(); i++) {
                String value = record.get(i);
                COLUMNS.get(header.get(i)).accept(request, value == null || value.isEmpty() ? null : value);
            }
        } catch (ApiException e) {
            return BatchRequest.Row.unreadable(e);
        }
        return BatchRequest.Row.of(withDefaults(request, inviter, redirectUri));
    }

    private static InviteRequest withDefaults(InviteRequest request, String inviter, String redirectUri) {
        if (request.inviter == null) {
            request.inviter = inviter;
        }
        if (request.redirectUri == null) {
            request.redirectUri = redirectUri;
        }
        return request;
    }

    private static void requireAtMostMaxRows(int rows) {
        if (rows > MAX_ROWS) {
            throw new ApiException(ErrorCode.BATCH_TOO_LARGE, "invites",
                    "A batch holds at most " + MAX_ROWS + " invites; split it into several calls.");
        }
    }

    /** The body as UTF-8 text, refusing more than {@link #MAX_BODY_BYTES} bytes without reading further. */
    static String read(InputStream body) {
        if (body == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The request needs a body.");
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new ApiException(ErrorCode.BATCH_TOO_LARGE,
                        "The batch body is larger than " + MAX_BODY_BYTES / 1024 + " KiB; split it into several calls.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body could not be read.");
        }
    }

    private static String canonical(String raw) {
        String wanted = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        return COLUMNS.keySet().stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(wanted)).findFirst().orElse(null);
    }

    private static long whole(String value, String field) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, field, "The value of '" + field + "' must be a whole number.");
        }
    }

    private static int wholeInt(String value, String field) {
        long n = whole(value, field);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, field, "The value of '" + field + "' is out of range.");
        }
        return (int) n;
    }

    private static Boolean yesNo(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> {
                return true;
            }
            case "false", "no", "0" -> {
                return false;
            }
            default -> throw new ApiException(ErrorCode.INVALID_REQUEST, "sendEmail",
                    "The value of 'sendEmail' must be true or false.");
        }
    }

    private static String shorten(String raw) {
        String s = raw == null ? "" : raw.trim();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
