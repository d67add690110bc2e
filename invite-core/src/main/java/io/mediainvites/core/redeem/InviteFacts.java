package io.mediainvites.core.redeem;

import io.mediainvites.core.policy.UseLimit;
import java.time.Instant;

/**
 * What the invite row says at the moment of a redemption attempt.
 *
 * @param expiresAt    end of the link's lifetime
 * @param useLimit     uses allowed
 * @param useCount     uses so far
 * @param revokedAt    when it was revoked, or null
 * @param revokeReason why ("revoked", "media_deleted"), or null
 * @param mediaExists  whether the media entry is still registered
 * @param deviceHash   hash of the device it is bound to, or null while unbound
 * @param locked       locked by too many wrong one-time codes (S11)
 */
public record InviteFacts(Instant expiresAt, UseLimit useLimit, int useCount, Instant revokedAt, String revokeReason,
        boolean mediaExists, String deviceHash, boolean locked) {

    /** Facts of an invite that is not locked. */
    public InviteFacts(Instant expiresAt, UseLimit useLimit, int useCount, Instant revokedAt, String revokeReason,
            boolean mediaExists, String deviceHash) {
        this(expiresAt, useLimit, useCount, revokedAt, revokeReason, mediaExists, deviceHash, false);
    }
}
