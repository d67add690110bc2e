package io.mediainvites.core.redeem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A one-time code mailed to the invited address (confirmation mode "code", R4): six digits, kept only as
 * a salted hash, valid for a short time, a few attempts, and new codes on request no faster than a rate
 * limit. Immutable; every step returns the next state.
 *
 * @param salt      random per challenge
 * @param hash      SHA-256 of salt and code
 * @param expiresAt end of the code's validity
 * @param attempts  wrong entries so far
 * @param sentAt    when the last code was sent
 * @param sends     codes sent in this redemption
 */
public record CodeChallenge(String salt, String hash, Instant expiresAt, int attempts, Instant sentAt, int sends) {

    public static final int DIGITS = 6;
    public static final int MAX_ATTEMPTS = 5;
    public static final int MAX_SENDS = 5;
    public static final Duration RESEND_INTERVAL = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Outcome of entering a code. */
    public enum Check { OK, WRONG, EXPIRED, TOO_MANY_ATTEMPTS }

    /** A new code and the challenge that checks it; the code goes into the mail and nowhere else. */
    public record Issued(String code, CodeChallenge challenge) {
    }

    /** Issues a code; {@code previous} (may be null) carries the send count for the rate limit. */
    public static Issued issue(CodeChallenge previous, Instant now, Duration lifetime) {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        int sends = previous == null ? 1 : previous.sends + 1;
        return new Issued(code, new CodeChallenge(salt, hash(salt, code), now.plus(lifetime), 0, now, sends));
    }

    /** Whether a new code may be sent now (rate limit: an interval between sends and a maximum count). */
    public static boolean maySend(CodeChallenge previous, Instant now) {
        return previous == null
                || previous.sends < MAX_SENDS && !now.isBefore(previous.sentAt.plus(RESEND_INTERVAL));
    }

    public Check check(String entered, Instant now) {
        if (attempts >= MAX_ATTEMPTS) {
            return Check.TOO_MANY_ATTEMPTS;
        }
        if (!now.isBefore(expiresAt)) {
            return Check.EXPIRED;
        }
        String normalised = entered == null ? "" : entered.replaceAll("\\s", "");
        boolean right = normalised.length() == DIGITS && MessageDigest.isEqual(
                hash(salt, normalised).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
        return right ? Check.OK : Check.WRONG;
    }

    /** The state after a wrong entry. */
    public CodeChallenge afterWrongAttempt() {
        return new CodeChallenge(salt, hash, expiresAt, attempts + 1, sentAt, sends);
    }

    public int attemptsLeft() {
        return Math.max(0, MAX_ATTEMPTS - attempts);
    }

    /** One line for an authentication-session note. */
    public String serialise() {
        return salt + "|" + hash + "|" + expiresAt.toEpochMilli() + "|" + attempts + "|" + sentAt.toEpochMilli() + "|" + sends;
    }

    /** Reads a note; null for a missing or damaged one. */
    public static CodeChallenge parse(String note) {
        if (note == null) {
            return null;
        }
        String[] f = note.split("\\|");
        if (f.length != 6) {
            return null;
        }
        try {
            return new CodeChallenge(f[0], f[1], Instant.ofEpochMilli(Long.parseLong(f[2])), Integer.parseInt(f[3]),
                    Instant.ofEpochMilli(Long.parseLong(f[4])), Integer.parseInt(f[5]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String hash(String salt, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.US_ASCII));
            digest.update(code.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "CodeChallenge[expiresAt=" + expiresAt + ", attempts=" + attempts + ", sends=" + sends + "]";
    }
}
