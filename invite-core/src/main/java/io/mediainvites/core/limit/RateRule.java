package io.mediainvites.core.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One limit of the extension: at most {@code max} events per {@code window} for one subject (an invite, a
 * caller), or at most {@code max} in total when the window is {@code null}. Windows are fixed and aligned to
 * the epoch ({@code floor(now / window)}), so every cluster node computes the same window for the same instant
 * and a database counter keyed by rule, realm and subject counts across nodes.
 *
 * <p>The rules every feature uses are the constants below: this class is the one place their numbers live.
 * The counting itself is {@code io.mediainvites.model.limit.RateLimiter} (a database counter).
 *
 * @param name   stable identifier, part of the counter key (lower case, no spaces)
 * @param max    events allowed per window (or in total), at least 1
 * @param window length of a window; {@code null} for a limit "in total" that never resets by itself
 */
public record RateRule(String name, int max, Duration window) {

    /** S9: re-issuing an invite's link ({@code POST /invites/{id}/link}), per invite. */
    public static final RateRule LINK_REISSUE = new RateRule("link_reissue", 5, Duration.ofHours(1));

    /** S10: e-mail autocomplete ({@code GET /media/{id}/invitees}), per calling user and app. */
    public static final RateRule INVITEE_LOOKUP = new RateRule("invitee_lookup", 30, Duration.ofMinutes(1));

    /** S11: one-time code mails, per invite. */
    public static final RateRule CODE_MAIL = new RateRule("code_mail", 5, Duration.ofHours(1));

    /** S11: wrong one-time code entries, per invite, in total (past it the invite is locked until re-issued). */
    public static final RateRule CODE_WRONG = new RateRule("code_wrong", 10, null);

    public RateRule {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("rule name must be 1-64 of [a-z0-9_.-]: " + name);
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        if (window != null && (window.isNegative() || window.toMillis() < 1000)) {
            throw new IllegalArgumentException("window must be at least one second: " + window);
        }
    }

    /** True for a limit in total (no window). */
    public boolean total() {
        return window == null;
    }

    /** Start (epoch milliseconds) of the window {@code now} falls in; 0 for a limit in total. */
    public long windowStart(Instant now) {
        if (total()) {
            return 0L;
        }
        long length = window.toMillis();
        return Math.floorDiv(now.toEpochMilli(), length) * length;
    }

    /** End (epoch milliseconds, exclusive) of the window starting at {@code windowStart}; null in total. */
    public Long windowEnd(long windowStart) {
        return total() ? null : windowStart + window.toMillis();
    }

    /**
     * The decision for a request that found {@code hits} events already counted in its window (before it).
     * Allowed while {@code hits < max}; a refusal of a windowed rule says when the window ends.
     */
    public RateDecision decide(int hits, Instant now) {
        if (hits < max) {
            return RateDecision.allowed(hits + 1, max);
        }
        if (total()) {
            return RateDecision.exhausted(hits, max, null);
        }
        long end = windowEnd(windowStart(now));
        long waitMillis = Math.max(0L, end - now.toEpochMilli());
        // whole seconds, rounded up, at least one: what a Retry-After header carries
        return RateDecision.exhausted(hits, max, Duration.ofSeconds(Math.max(1L, (waitMillis + 999) / 1000)));
    }
}
