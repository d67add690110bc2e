package io.mediainvites.core.redeem;

import io.mediainvites.core.media.InviteRole;

/**
 * What one redemption grants in a session: a role on one media entry of one app, until {@code exp}
 * (epoch seconds, the end of the invite session). Kept per invite (S8): revoking the invite removes exactly
 * this grant, whatever else the session holds.
 */
public record MediaGrant(String clientId, String mediaId, InviteRole role, String inviteId, long exp) {

    public boolean activeAt(long epochSeconds) {
        return epochSeconds < exp;
    }

    /**
     * Of two grants for the same media entry, the one a token shows (R8): the higher role; for equal roles
     * the later expiry. A lower role never downgrades, and never lends its expiry to another invite's grant.
     */
    static MediaGrant better(MediaGrant a, MediaGrant b) {
        if (a.role.rank() != b.role.rank()) {
            return a.role.rank() > b.role.rank() ? a : b;
        }
        return b.exp > a.exp ? b : a;
    }
}
