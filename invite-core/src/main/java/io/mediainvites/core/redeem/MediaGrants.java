package io.mediainvites.core.redeem;

import io.mediainvites.core.media.InviteRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The media grants a session holds, kept as a user-session note. Serialised in a small line format
 * ({@code client|media|role|invite|exp} per line, client, media and invite ids URL-encoded) so the note
 * needs no JSON library.
 */
public final class MediaGrants {

    private final Map<String, MediaGrant> byKey = new LinkedHashMap<>();

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

    /** Adds a grant, upgrading an existing one for the same media entry (never downgrading). */
    public MediaGrants add(MediaGrant grant) {
        byKey.merge(key(grant.clientId(), grant.mediaId()), grant, MediaGrant::upgradeWith);
        return this;
    }

    /** Grants of one app that are still active: what its tokens may carry. */
    public List<MediaGrant> activeFor(String clientId, long nowEpochSeconds) {
        List<MediaGrant> result = new ArrayList<>();
        for (MediaGrant g : byKey.values()) {
            if (g.clientId().equals(clientId) && g.activeAt(nowEpochSeconds)) {
                result.add(g);
            }
        }
        return result;
    }

    public Collection<MediaGrant> all() {
        return List.copyOf(byKey.values());
    }

    public String serialise() {
        StringBuilder out = new StringBuilder();
        for (MediaGrant g : byKey.values()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(encode(g.clientId())).append('|').append(encode(g.mediaId())).append('|')
                    .append(g.role().wire()).append('|').append(encode(g.inviteId())).append('|').append(g.exp());
        }
        return out.toString();
    }

    private static String key(String clientId, String mediaId) {
        // encoded ids contain no '|', so no two (client, media) pairs share a key
        return encode(clientId) + '|' + encode(mediaId);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
