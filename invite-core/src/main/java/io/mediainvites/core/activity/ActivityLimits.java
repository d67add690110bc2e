package io.mediainvites.core.activity;

/**
 * How much activity is kept per invite (O10): the newest {@link #ENTRIES_PER_INVITE} entries; older ones are
 * dropped as new ones arrive, so a link holder who provokes refusals cannot grow the table without bound.
 */
public final class ActivityLimits {

    public static final int ENTRIES_PER_INVITE = 100;
    /** Longest free-text detail stored with an entry (a redacted error, a role). */
    public static final int DETAIL_LENGTH = 255;

    private ActivityLimits() {
    }

    /** Entries with a sequence number at or below this are dropped once entry {@code seq} is written. */
    public static long dropUpTo(long seq) {
        return seq - ENTRIES_PER_INVITE;
    }

    /** Longest reason code stored with an entry. */
    public static final int REASON_LENGTH = 64;

    public static String reason(String value) {
        return value == null || value.length() <= REASON_LENGTH ? value : value.substring(0, REASON_LENGTH);
    }

    public static String detail(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= DETAIL_LENGTH ? value : value.substring(0, DETAIL_LENGTH);
    }
}
