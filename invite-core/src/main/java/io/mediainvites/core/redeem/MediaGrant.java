package io.mediainvites.core.redeem;

import io.mediainvites.core.media.InviteRole;

/**
 * What one redemption grants in a session: a role on one media entry of one app, until {@code exp}
 * (epoch seconds, the end of the invite session).
 */
public record MediaGrant(String clientId, String mediaId, InviteRole role, String inviteId, long exp) {

    /**
     * The grant a session keeps when {@code next} is redeemed while this one is held (R8): the higher role
     * wins and a lower one never downgrades; the newer invite and the later expiry are kept with it.
     */
    public MediaGrant upgradeWith(MediaGrant next) {
        if (!clientId.equals(next.clientId) || !mediaId.equals(next.mediaId)) {
            throw new IllegalArgumentException("grants of different media entries");
        }
        InviteRole best = InviteRole.max(role, next.role);
        String invite = next.role.rank() >= role.rank() ? next.inviteId : inviteId;
        return new MediaGrant(clientId, mediaId, best, invite, Math.max(exp, next.exp));
    }

    public boolean activeAt(long epochSeconds) {
        return epochSeconds < exp;
    }
}
