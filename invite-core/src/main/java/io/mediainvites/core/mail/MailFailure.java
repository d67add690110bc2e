package io.mediainvites.core.mail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Why an e-mail could not be sent, in words that are safe to store on the invite, return to the media app and
 * put into an event (spec E2, S5): a stable code, a sentence, and the innermost technical detail with links,
 * tokens, one-time codes' carriers and the SMTP credentials removed.
 *
 * @param code   stable code, e.g. {@code smtp_unreachable}
 * @param reason {@code code: sentence (detail)}, at most {@link #MAX_LENGTH} characters
 */
public record MailFailure(String code, String reason) {

    /** The realm's e-mail theme lacks the invite templates (raised before sending, not by classification). */
    public static final String MISSING_TEMPLATE = "email_theme_missing_template";
    /** The realm has no SMTP server. */
    public static final String NOT_CONFIGURED = "smtp_not_configured";
    /** The invite's user is gone. */
    public static final String INVITEE_MISSING = "invitee_missing";

    /** Longest reason kept (the column holds 1000). */
    public static final int MAX_LENGTH = 300;
    private static final int MAX_DETAIL = 160;

    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://\\S+");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.?[A-Za-z0-9_-]*");
    private static final Pattern KEY_PARAM = Pattern.compile("(?i)\\b(key|token|code|password|secret)=\\S+");
    private static final Pattern LONG_OPAQUE = Pattern.compile("[A-Za-z0-9_-]{40,}");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Cntrl}]+");

    public MailFailure {
        if (code == null || code.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("code and reason are required");
        }
    }

    /** Every code a failure can carry: a closed set (metrics use it as a bounded tag). */
    public static java.util.Set<String> knownCodes() {
        java.util.Set<String> codes = new java.util.TreeSet<>();
        for (Kind kind : Kind.values()) {
            codes.add(kind.code);
        }
        codes.add(MISSING_TEMPLATE);
        codes.add(NOT_CONFIGURED);
        codes.add(INVITEE_MISSING);
        return java.util.Collections.unmodifiableSet(codes);
    }

    /** A failure known without an exception (e.g. a missing template), with a fixed sentence. */
    public static MailFailure of(String code, String sentence) {
        return new MailFailure(code, truncate(code + ": " + sentence));
    }

    /**
     * Classifies an exception chain (as thrown by Keycloak's e-mail sender around Jakarta Mail) and builds the
     * reason. Values in {@code secrets} (SMTP user, password, client secret …) never appear in the result.
     */
    public static MailFailure describe(Throwable error, Collection<String> secrets) {
        List<Throwable> chain = chain(error);
        Kind kind = classify(chain);
        String detail = chain.isEmpty() ? null : sanitize(innermostMessage(chain), secrets);
        String reason = kind.code + ": " + kind.sentence;
        if (detail != null && !detail.isBlank() && !kind.sentence.contains(detail)) {
            reason = reason + " (" + detail + ")";
        }
        return new MailFailure(kind.code, truncate(reason));
    }

    /** Removes secrets, links, tokens and control characters; null stays null. Shortened to a short detail. */
    public static String sanitize(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String s = text;
        if (secrets != null) {
            List<String> sorted = new ArrayList<>();
            for (String secret : secrets) {
                if (secret != null && secret.length() >= 3) {
                    sorted.add(secret);
                }
            }
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            for (String secret : sorted) {
                s = s.replace(secret, "[redacted]");
            }
        }
        s = URL.matcher(s).replaceAll("[link]");
        s = JWT.matcher(s).replaceAll("[token]");
        s = KEY_PARAM.matcher(s).replaceAll("$1=[redacted]");
        s = LONG_OPAQUE.matcher(s).replaceAll("[redacted]");
        s = SPACES.matcher(s).replaceAll(" ").trim();
        if (s.length() > MAX_DETAIL) {
            s = s.substring(0, MAX_DETAIL - 1) + "…";
        }
        return s;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && !seen.containsKey(t) && chain.size() < 20; t = t.getCause()) {
            seen.put(t, true);
            chain.add(t);
        }
        return chain;
    }

    private static String innermostMessage(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String m = chain.get(i).getMessage();
            if (m != null && !m.isBlank()) {
                return m;
            }
        }
        return null;
    }

    private static Kind classify(List<Throwable> chain) {
        // the most specific cause decides: walk from the innermost outwards
        for (int i = chain.size() - 1; i >= 0; i--) {
            Throwable t = chain.get(i);
            String type = t.getClass().getSimpleName();
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (type.equals("UnknownHostException")) {
                return Kind.UNKNOWN_HOST;
            }
            if (type.equals("ConnectException") || type.equals("MailConnectException")
                    || type.equals("NoRouteToHostException") || message.contains("couldn't connect to host")) {
                return Kind.UNREACHABLE;
            }
            if (type.equals("SocketTimeoutException") || message.contains("timed out")) {
                return Kind.TIMEOUT;
            }
            if (type.equals("AuthenticationFailedException")) {
                return Kind.AUTH;
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return Kind.TLS;
            }
            if (type.equals("SendFailedException") || type.equals("SMTPAddressFailedException")
                    || type.equals("SMTPSendFailedException")) {
                return Kind.REJECTED;
            }
            if (message.startsWith("invalid sender address")) {
                return Kind.CONFIG;
            }
            if (message.startsWith("invalid address") || message.startsWith("no email address")) {
                return Kind.RECIPIENT;
            }
            if (message.startsWith("failed to template") || type.contains("FreeMarker")
                    || type.equals("TemplateException") || type.equals("ParseException")) {
                return Kind.TEMPLATE;
            }
        }
        return Kind.OTHER;
    }

    private enum Kind {
        UNREACHABLE("smtp_unreachable", "The realm's SMTP server could not be reached."),
        UNKNOWN_HOST("smtp_unknown_host", "The realm's SMTP host name could not be resolved."),
        TIMEOUT("smtp_timeout", "The realm's SMTP server did not answer in time."),
        AUTH("smtp_auth_failed", "The realm's SMTP server refused the configured credentials."),
        TLS("smtp_tls_failed", "The TLS connection to the realm's SMTP server failed."),
        REJECTED("smtp_rejected", "The realm's SMTP server rejected the message or the recipient."),
        CONFIG("smtp_config_invalid", "The realm's SMTP sender (from) address is missing or invalid."),
        RECIPIENT("invalid_recipient", "The invitee's e-mail address cannot be used for sending."),
        TEMPLATE("template_error", "The e-mail templates of the realm's e-mail theme could not be rendered."),
        OTHER("smtp_error", "The e-mail could not be sent.");

        final String code;
        final String sentence;

        Kind(String code, String sentence) {
            this.code = code;
            this.sentence = sentence;
        }
    }
}
