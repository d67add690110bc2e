package io.mediainvites.core.redeem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * O4, issue 14 item 7: a redemption whose answer was lost (the node died after its transaction counted the use,
 * before the browser got the redirect) can be completed by the same browser without spending another use.
 *
 * <p>Design. The transaction that counts a use also stores a receipt, so the two exist together or not at all.
 * The receipt is found only by a key that only the redeeming browser can present again: a hash of its
 * authentication-session cookie (HttpOnly, the root session id), the page's tab id and the one-time form value of
 * the page it posted. A link holder without that browser's cookie, or that browser on another page view, has no
 * key. A browser that repeats the very same POST (its retry after a lost answer) presents the key; the receipt is
 * then claimed once (row lock without waiting, then deleted), the grant attached to a new session in that browser,
 * the session of the lost answer ended, and no use counted. The receipt lives {@link #WINDOW} only. Revocation,
 * deletion of the media entry, a lock, the domain and account rules still refuse the retry; only the use count
 * and the device binding (the lost answer carried the device cookie) are taken as the receipt's own.
 */
public final class RetryReceipt {

    /** How long after the counted use the same browser may complete a redemption whose answer was lost. */
    public static final Duration WINDOW = Duration.ofMinutes(2);

    private RetryReceipt() {
    }

    /**
     * The receipt's key: SHA-256 (hex) over the root authentication-session id, the tab id and the posted form value;
     * null when any part is missing (nothing to find).
     */
    public static String key(String rootSessionId, String tabId, String formNonce) {
        if (isBlank(rootSessionId) || isBlank(tabId) || isBlank(formNonce)) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {rootSessionId, tabId, formNonce}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update((byte) (bytes.length >>> 8));
                digest.update((byte) bytes.length);
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Epoch milliseconds until which a receipt written at {@code countedAt} completes a retry. */
    public static long expiresAt(Instant countedAt) {
        return countedAt.plus(WINDOW).toEpochMilli();
    }

    /**
     * The facts a retry is judged by: those of the invite as stored, minus the use the receipt's redemption
     * counted and without the device binding it made (the lost answer carried the device cookie).
     */
    public static InviteFacts withoutReceiptUse(InviteFacts stored) {
        return new InviteFacts(stored.expiresAt(), stored.useLimit(), Math.max(0, stored.useCount() - 1),
                stored.revokedAt(), stored.revokeReason(), stored.mediaExists(), null, stored.locked());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
