package io.mediainvites.core.email;

import io.mediainvites.core.domain.DomainName;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A validated, normalised e-mail address (spec I2). Addresses are treated case-insensitively: the local
 * part and the domain are lower-cased, and the domain is stored in its ASCII (punycode) form, so
 * {@code User@Bücher.example} and {@code user@xn--bcher-kva.example} are equal.
 *
 * <p>Supported syntax: a dot-atom local part (RFC 5322 {@code atext} characters, plus Unicode letters and
 * digits), of at most 64 UTF-8 bytes, and a domain of at least two labels. Quoted local parts, comments,
 * IP-literal domains and all-numeric top-level labels are not supported. Immutable.
 */
public final class EmailAddress {

    /** Longest address (RFC 5321 path limit minus the angle brackets). */
    public static final int MAX_LENGTH = 254;
    /** Longest local part in bytes. */
    public static final int MAX_LOCAL_PART_LENGTH = 64;

    private static final String FIELD = "email";
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private final String localPart;
    private final String domain;

    private EmailAddress(String localPart, String domain) {
        this.localPart = localPart;
        this.domain = domain;
    }

    /**
     * Parses and normalises an e-mail address.
     *
     * @throws InviteRuleException {@link ErrorCode#INVALID_EMAIL} (field {@code email}) if it is not valid
     */
    public static EmailAddress parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("The e-mail address is required.");
        }
        String address = raw.trim();
        if (address.length() > MAX_LENGTH) {
            throw invalid("The e-mail address is longer than " + MAX_LENGTH + " characters.");
        }
        int at = address.indexOf('@');
        if (at < 0) {
            throw invalid("The e-mail address must contain an '@'.");
        }
        if (address.indexOf('@', at + 1) >= 0) {
            throw invalid("The e-mail address must contain exactly one '@'.");
        }
        String local = address.substring(0, at);
        String rawDomain = address.substring(at + 1);
        checkLocalPart(local);
        String asciiDomain = checkDomain(rawDomain);
        String normalisedLocal = local.toLowerCase(Locale.ROOT);
        if (normalisedLocal.length() + 1 + asciiDomain.length() > MAX_LENGTH) {
            throw invalid("The e-mail address is longer than " + MAX_LENGTH + " characters.");
        }
        return new EmailAddress(normalisedLocal, asciiDomain);
    }

    private static void checkLocalPart(String local) {
        if (local.isEmpty()) {
            throw invalid("The e-mail address has nothing before the '@'.");
        }
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART_LENGTH) {
            throw invalid("The part before the '@' is longer than " + MAX_LOCAL_PART_LENGTH + " characters.");
        }
        if (local.indexOf('"') >= 0) {
            throw invalid("Quoted e-mail addresses are not supported.");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw invalid("The part before the '@' must not start or end with a dot or contain two dots in a row.");
        }
        int i = 0;
        while (i < local.length()) {
            int cp = local.codePointAt(i);
            if (!isLocalPartCodePoint(cp)) {
                throw invalid(Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                        ? "The e-mail address must not contain spaces or control characters."
                        : "The part before the '@' contains a character that is not allowed.");
            }
            i += Character.charCount(cp);
        }
    }

    private static boolean isLocalPartCodePoint(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9'
                    || cp == '.' || ATEXT_SPECIALS.indexOf(cp) >= 0;
        }
        return Character.isLetterOrDigit(cp);
    }

    private static String checkDomain(String rawDomain) {
        if (rawDomain.isEmpty()) {
            throw invalid("The e-mail address has no domain after the '@'.");
        }
        for (int i = 0; i < rawDomain.length(); ) {
            int cp = rawDomain.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                throw invalid("The e-mail address must not contain spaces or control characters.");
            }
            i += Character.charCount(cp);
        }
        String ascii;
        try {
            ascii = DomainName.toAscii(rawDomain.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("The domain of the e-mail address is not valid.");
        }
        int lastDot = ascii.lastIndexOf('.');
        if (lastDot < 0) {
            throw invalid("The domain of the e-mail address must contain a dot.");
        }
        String topLabel = ascii.substring(lastDot + 1);
        if (topLabel.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid("The domain of the e-mail address must not be an IP address.");
        }
        return ascii;
    }

    private static InviteRuleException invalid(String description) {
        return new InviteRuleException(ErrorCode.INVALID_EMAIL, FIELD, description);
    }

    /** The normalised address, {@code local@ascii-domain}. */
    public String value() {
        return localPart + '@' + domain;
    }

    /** The lower-cased local part (before the '@'). */
    public String localPart() {
        return localPart;
    }

    /** The domain in lower-case ASCII (punycode) form. */
    public String domain() {
        return domain;
    }

    /** The domain in Unicode form, for display (e.g. {@code bücher.example}). */
    public String unicodeDomain() {
        return DomainName.toUnicode(domain);
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof EmailAddress other && localPart.equals(other.localPart) && domain.equals(other.domain);
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    /** The same as {@link #value()}. */
    @Override
    public String toString() {
        return value();
    }
}
