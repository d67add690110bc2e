package io.mediainvites.core.policy;

import io.mediainvites.core.error.InviteRuleException;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the link of an invite to live media works (R14). Both are bounded by the longest link lifetime from
 * the issue ({@link PolicySettings#MAX_LINK_LIFETIME}).
 */
public enum LiveValidity implements PolicyChoice {
    /** The link lifetime of the policy or request, as for on-demand media. */
    LIFETIME,
    /** From the issue until the live session's end plus the policy's grace (the start, if it has no end). */
    EVENT;

    /**
     * @throws InviteRuleException {@code invalid_policy} (field {@code liveValidity}) if unknown
     */
    public static LiveValidity fromWire(String wire) {
        return PolicySettings.LIVE_VALIDITY.parse(wire);
    }

    /**
     * The expiry of an event-bound link: the session's end plus the grace. A session without an end keeps the
     * link at least its lifetime, and at least until its start plus the grace. Never later than the longest
     * lifetime from the issue, never before the issue.
     */
    public static Instant eventExpiry(Instant issuedAt, Instant startsAt, Instant endsAt, Duration grace,
            Duration lifetime) {
        Instant expiry;
        if (endsAt != null) {
            expiry = endsAt.plus(grace);
        } else {
            Instant byLifetime = issuedAt.plus(lifetime);
            Instant byStart = startsAt == null ? issuedAt : startsAt.plus(grace);
            expiry = byLifetime.isAfter(byStart) ? byLifetime : byStart;
        }
        Instant latest = issuedAt.plus(PolicySettings.MAX_LINK_LIFETIME);
        if (expiry.isAfter(latest)) {
            return latest;
        }
        return expiry.isBefore(issuedAt) ? issuedAt : expiry;
    }
}
