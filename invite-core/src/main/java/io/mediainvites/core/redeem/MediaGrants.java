package io.mediainvites.core.redeem;

import io.mediainvites.core.media.InviteRole;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The media grants a session holds, kept as a user-session note, one per invite (S8): a revoked invite
 * takes away its own grant and nothing else, and a lower-role invite never revives or extends it. Serialised
 * in a small line format ({@code client|media|role|invite|exp} per line, client, media and invite ids
 * URL-encoded) so the note needs no JSON library.
 */
public final class MediaGrants {

    private final Map<String, MediaGrant> byInvite = new LinkedHashMap<>();

    public static MediaGrants parse(String note) {
        MediaGrants grants = new MediaGrants();
        if (note == null || note.isBlank()) {
            return grants;
        }
        for (String line : note.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length != 5) {
                continue; // a note we did not write
            }
            try {
                grants.add(new MediaGrant(decode(f[0]), decode(f[1]), InviteRole.fromWire(f[2]), decode(f[3]),
                        Long.parseLong(f[4])));
            } catch (RuntimeException e) {
                // skip a damaged line rather than lose the others
            }
        }
        return grants;
    }

    /** Adds the grant of one redemption; redeeming the same invite again replaces its earlier grant. */
    public MediaGrants add(MediaGrant grant) {
        byInvite.put(grant.inviteId(), grant);
        return this;
    }

    /** Drops grants that ended before {@code nowEpochSeconds}, so the note does not grow without bound. */
    public MediaGrants withoutEnded(long nowEpochSeconds) {
        byInvite.values().removeIf(g -> !g.activeAt(nowEpochSeconds));
        return this;
    }

    /** Invite ids behind one app's unexpired grants: the ones whose state a token request must re-check. */
    public Set<String> inviteIdsFor(String clientId, long nowEpochSeconds) {
        Set<String> ids = new LinkedHashSet<>();
        for (MediaGrant g : byInvite.values()) {
            if (g.clientId().equals(clientId) && g.activeAt(nowEpochSeconds)) {
                ids.add(g.inviteId());
            }
        }
        return ids;
    }

    /** What one app's tokens may carry: per media entry the best grant that is unexpired and whose invite still holds. */
    public List<MediaGrant> activeFor(String clientId, long nowEpochSeconds, Predicate<String> inviteHolds) {
        Map<String, MediaGrant> best = new LinkedHashMap<>();
        for (MediaGrant g : byInvite.values()) {
            if (g.clientId().equals(clientId) && g.activeAt(nowEpochSeconds) && inviteHolds.test(g.inviteId())) {
                best.merge(g.mediaId(), g, MediaGrant::better);
            }
        }
        return new ArrayList<>(best.values());
    }

    /** The same, for a caller that has already checked every invite (or must not ask). */
    public List<MediaGrant> activeFor(String clientId, long nowEpochSeconds) {
        return activeFor(clientId, nowEpochSeconds, id -> true);
    }

    public Collection<MediaGrant> all() {
        return List.copyOf(byInvite.values());
    }

    public boolean isEmpty() {
        return byInvite.isEmpty();
    }

    public String serialise() {
        StringBuilder out = new StringBuilder();
        for (MediaGrant g : byInvite.values()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(encode(g.clientId())).append('|').append(encode(g.mediaId())).append('|')
                    .append(g.role().wire()).append('|').append(encode(g.inviteId())).append('|').append(g.exp());
        }
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
