package io.mediainvites.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a webhook delivery that failed is tried again (O11): exponential back-off from {@link #FIRST_DELAY},
 * doubling per attempt up to {@link #MAX_DELAY}, for up to {@link #GIVE_UP_AFTER} after the event was written;
 * after that the event is marked failed.
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {

    public static final Duration FIRST_DELAY = Duration.ofSeconds(10);
    public static final Duration MAX_DELAY = Duration.ofHours(1);
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    public static RetrySchedule standard() {
        return new RetrySchedule(FIRST_DELAY, MAX_DELAY, GIVE_UP_AFTER);
    }

    /** A schedule whose first delay is {@code firstDelay} (test servers shorten it); the rest as standard. */
    public static RetrySchedule startingAt(Duration firstDelay) {
        return new RetrySchedule(firstDelay, MAX_DELAY, GIVE_UP_AFTER);
    }

    public RetrySchedule {
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("bad retry schedule");
        }
    }

    /** The delay after the {@code attempts}-th failed attempt (1 = the first attempt failed). */
    public Duration delayAfter(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /**
     * The next attempt after the {@code attempts}-th failure at {@code now}, for an event written at
     * {@code createdAt}; empty when the event is to be given up (marked failed).
     */
    public Optional<Instant> nextAttempt(Instant createdAt, int attempts, Instant now) {
        Instant next = now.plus(delayAfter(attempts));
        return next.isAfter(createdAt.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }
}
