package io.mediainvites.core.media;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The type of a media entry; live types have a schedule and allow more invite roles (spec M2, I3). */
public enum MediaType {
    VIDEO("video", false),
    QUIZ("quiz", false),
    DOCUMENT("document", false),
    AUDIO("audio", false),
    IMAGE("image", false),
    PLAYLIST("playlist", false),
    PRESENTATION("presentation", false),
    WEBCAST("webcast", true),
    SIMULIVE("simulive", true),
    DIY_LIVE("diy_live", true),
    ROOM("room", true);

    private static final Set<InviteRole> ON_DEMAND_ROLES = Collections.unmodifiableSet(EnumSet.of(InviteRole.VIEWER));
    private static final Set<InviteRole> LIVE_ROLES = Collections.unmodifiableSet(EnumSet.allOf(InviteRole.class));

    private final String wire;
    private final boolean live;

    MediaType(String wire, boolean live) {
        this.wire = wire;
        this.live = live;
    }

    /** The wire name, e.g. {@code diy_live}. */
    public String wire() {
        return wire;
    }

    /** True for live types (webcast, simulive, diy_live, room). */
    public boolean live() {
        return live;
    }

    /**
     * The roles an invite to this type may carry: viewer only for on-demand types; viewer, speaker and
     * moderator for live types. The set is unmodifiable and iterates in rank order.
     */
    public Set<InviteRole> allowedRoles() {
        return live ? LIVE_ROLES : ON_DEMAND_ROLES;
    }

    /**
     * Parses a wire name, case-insensitively and ignoring surrounding spaces.
     *
     * @throws InviteRuleException {@link ErrorCode#UNKNOWN_MEDIA_TYPE} (field {@code type}) listing the known
     *     types, if null, blank or unknown
     */
    public static MediaType fromWire(String wire) {
        if (wire != null) {
            String wanted = wire.trim().toLowerCase(Locale.ROOT);
            for (MediaType type : values()) {
                if (type.wire.equals(wanted)) {
                    return type;
                }
            }
        }
        throw new InviteRuleException(ErrorCode.UNKNOWN_MEDIA_TYPE, "type",
                "Unknown media type. Known types: " + knownWires() + ".");
    }

    /** The known wire names, comma separated, in declaration order. */
    public static String knownWires() {
        return Arrays.stream(values()).map(MediaType::wire).collect(Collectors.joining(", "));
    }
}
