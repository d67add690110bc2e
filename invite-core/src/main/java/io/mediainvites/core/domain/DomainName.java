package io.mediainvites.core.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;

/**
 * Normalisation and matching of DNS domain names (spec A3): case, surrounding dots and spaces, and
 * internationalised names (converted to their ASCII "punycode" form with {@link IDN}).
 */
public final class DomainName {

    /** Longest domain name in ASCII form (RFC 1035, without the root dot). */
    public static final int MAX_LENGTH = 253;
    /** Longest label in ASCII form. */
    public static final int MAX_LABEL_LENGTH = 63;

    private static final String ACE_PREFIX = "xn--";

    private DomainName() {
    }

    /**
     * Normalises a domain as typed by a person: trims spaces, strips leading and trailing dots, lower-cases
     * and converts Unicode labels to ASCII (IDNA, unassigned code points not allowed, STD3 host name rules).
     *
     * @return the normalised ASCII form, e.g. {@code xn--bcher-kva.example} for {@code .Bücher.Example.}
     * @throws IllegalArgumentException if blank or not a valid domain name
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("A domain name must not be blank.");
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            // never trimmed away: "\u0000.example" must not become "example" and block a whole top-level domain
            throw new IllegalArgumentException("The domain name '" + raw + "' must not contain control characters.");
        }
        String domain = unifyDots(raw.strip());
        int start = 0;
        int end = domain.length();
        while (start < end && domain.charAt(start) == '.') {
            start++;
        }
        while (end > start && domain.charAt(end - 1) == '.') {
            end--;
        }
        if (start == end) {
            throw new IllegalArgumentException("A domain name must not consist of dots only: '" + raw.strip() + "'.");
        }
        return toAscii(domain.substring(start, end));
    }

    /**
     * Strictly converts a domain name to its lower-case ASCII form without trimming anything: every label
     * must be non-empty, at most 63 characters in ASCII form, made of letters, digits and hyphens, and must
     * not start or end with a hyphen; {@code xn--} labels must be valid, canonical punycode; the whole
     * name must be at most 253 characters.
     *
     * @throws IllegalArgumentException if the name is not valid
     */
    public static String toAscii(String domain) {
        Objects.requireNonNull(domain, "domain");
        String unified = unifyDots(domain);
        if (unified.isEmpty()) {
            throw new IllegalArgumentException("A domain name must not be empty.");
        }
        String[] labels = unified.split("\\.", -1);
        StringBuilder ascii = new StringBuilder(unified.length());
        for (String label : labels) {
            if (ascii.length() > 0) {
                ascii.append('.');
            }
            ascii.append(labelToAscii(label, domain));
        }
        if (ascii.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The domain name '" + domain + "' is longer than " + MAX_LENGTH
                    + " characters.");
        }
        return ascii.toString();
    }

    /** The Unicode form of a normalised ASCII domain name, for display. */
    public static String toUnicode(String asciiDomain) {
        return IDN.toUnicode(Objects.requireNonNull(asciiDomain, "asciiDomain"), IDN.USE_STD3_ASCII_RULES);
    }

    /**
     * True if {@code domain} equals {@code parent} or is a subdomain of it, on label boundaries:
     * {@code a.example.com} is a subdomain of {@code example.com}, {@code evil-example.com} is not.
     * Both arguments must already be {@link #normalise(String) normalised}.
     */
    public static boolean isSameOrSubdomain(String domain, String parent) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(parent, "parent");
        if (domain.isEmpty() || parent.isEmpty()) {
            return false;
        }
        return domain.equals(parent)
                || domain.length() > parent.length() + 1
                        && domain.endsWith(parent)
                        && domain.charAt(domain.length() - parent.length() - 1) == '.';
    }

    private static String labelToAscii(String label, String domain) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("The domain name '" + domain + "' has an empty label.");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The domain name '" + domain + "' is not a valid (internationalised)"
                    + " domain name.", e);
        }
        if (ascii.isEmpty() || ascii.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("The domain name '" + domain + "' has a label that is empty or longer"
                    + " than " + MAX_LABEL_LENGTH + " characters.");
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            boolean ldh = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
            if (!ldh) {
                throw new IllegalArgumentException("The domain name '" + domain + "' contains a character that is"
                        + " not allowed in a domain name.");
            }
        }
        if (ascii.startsWith("-") || ascii.endsWith("-")) {
            throw new IllegalArgumentException("The domain name '" + domain + "' has a label that starts or ends"
                    + " with '-'.");
        }
        if (ascii.startsWith(ACE_PREFIX)) {
            // An ASCII-compatible label must decode and re-encode to itself, else it is not valid punycode.
            String unicode = IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
            String reencoded;
            try {
                reencoded = IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                reencoded = null;
            }
            if (unicode.equals(ascii) || !ascii.equals(reencoded)) {
                throw new IllegalArgumentException("The domain name '" + domain + "' has an invalid punycode label.");
            }
        }
        return ascii;
    }

    /** Replaces the IDNA full stops (U+3002, U+FF0E, U+FF61) by '.'. */
    private static String unifyDots(String domain) {
        return domain.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
    }
}
