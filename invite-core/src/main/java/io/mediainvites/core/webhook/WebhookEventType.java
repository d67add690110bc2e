package io.mediainvites.core.webhook;

import java.util.Optional;

/** The events a media app can receive by webhook (O11), with their wire names. */
public enum WebhookEventType {
    INVITE_REDEEMED("invite.redeemed"),
    INVITE_REFUSED("invite.refused"),
    INVITE_REVOKED("invite.revoked"),
    INVITE_LOCKED("invite.locked"),
    /** R15: the invitee moved the link's device binding to a new browser with a mailed code. */
    INVITE_DEVICE_MOVED("invite.device_moved"),
    MEDIA_DELETED("media.deleted");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<WebhookEventType> fromWire(String wire) {
        for (WebhookEventType type : values()) {
            if (type.wire.equals(wire)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
