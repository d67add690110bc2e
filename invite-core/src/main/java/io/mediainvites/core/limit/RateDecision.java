package io.mediainvites.core.limit;

import java.time.Duration;

/**
 * The outcome of counting one event against a {@link RateRule}.
 *
 * @param allowed    whether the event was within the limit (and was counted)
 * @param count      events counted in the window, this one included when allowed
 * @param max        the rule's limit
 * @param retryAfter when refused by a windowed rule, the time until its window ends (whole seconds, at least
 *                   one); null when allowed or for a limit in total
 */
public record RateDecision(boolean allowed, int count, int max, Duration retryAfter) {

    public static RateDecision allowed(int count, int max) {
        return new RateDecision(true, count, max, null);
    }

    public static RateDecision exhausted(int count, int max, Duration retryAfter) {
        return new RateDecision(false, count, max, retryAfter);
    }

    /** Events still allowed in this window after this one. */
    public int remaining() {
        return Math.max(0, max - count);
    }

    /** The {@code Retry-After} header value in seconds, or null. */
    public Long retryAfterSeconds() {
        return retryAfter == null ? null : retryAfter.toSeconds();
    }
}
