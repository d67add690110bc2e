package io.mediainvites.core.invite;

import io.mediainvites.core.policy.UseLimit;
import java.time.Instant;
import java.util.Objects;

/** Computes the {@link InviteStatus} of an invite from its stored facts. */
public final class InviteState {

    private InviteState() {
    }

    /**
     * The status at {@code now}, by precedence: {@link InviteStatus#REVOKED} if revoked or the media entry
     * is deleted; {@link InviteStatus#USED_UP} if a (finite) limit is reached; {@link InviteStatus#EXPIRED}
     * from {@code expiresAt} on; {@link InviteStatus#PENDING} if never used; else {@link InviteStatus#ACTIVE}.
     *
     * @param expiresAt when the link expires, not null
     * @param limit the use limit, not null
     * @param useCount how many times the link was redeemed, not negative
     * @param revokedAt when the invite was revoked, null if not
     * @param mediaDeleted whether the media entry was deleted
     * @param now the current instant, not null
     * @throws IllegalArgumentException if {@code useCount} is negative
     */
    public static InviteStatus statusOf(Instant expiresAt, UseLimit limit, int useCount, Instant revokedAt,
            boolean mediaDeleted, Instant now) {
        return statusOf(expiresAt, limit, useCount, revokedAt, mediaDeleted, false, now);
    }

    /** The same, for an invite that may be locked by too many wrong codes (S11): locked comes right after revoked. */
    public static InviteStatus statusOf(Instant expiresAt, UseLimit limit, int useCount, Instant revokedAt,
            boolean mediaDeleted, boolean locked, Instant now) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(now, "now");
        if (useCount < 0) {
            throw new IllegalArgumentException("The use count must not be negative, not " + useCount + ".");
        }
        if (revokedAt != null || mediaDeleted) {
            return InviteStatus.REVOKED;
        }
        if (locked) {
            return InviteStatus.LOCKED;
        }
        if (!limit.allowsAnotherUse(useCount)) {
            return InviteStatus.USED_UP;
        }
        if (!now.isBefore(expiresAt)) {
            return InviteStatus.EXPIRED;
        }
        return useCount == 0 ? InviteStatus.PENDING : InviteStatus.ACTIVE;
    }
}
