package io.mediainvites.core.activity;

import io.mediainvites.core.webhook.WebhookEventType;
import java.util.Locale;
import java.util.Optional;

/**
 * What happened to an invite, as its inviter sees it in the activity (O10). Opening a link is not an entry of its
 * own: it is counted (count, first, last) on the invite's summary, because mail scanners open links too and every
 * open must stay one cheap write. Some kinds are also reported to the media app by webhook (O11).
 */
public enum ActivityKind {
    REDEEMED(WebhookEventType.INVITE_REDEEMED, true),
    REFUSED(WebhookEventType.INVITE_REFUSED, true),
    /**
     * Not stored as an entry: shown from the invite's own revocation (time, reason), which also covers the
     * revocation of every invite of a deleted media entry without one write per invite.
     */
    REVOKED(WebhookEventType.INVITE_REVOKED, false),
    LOCKED(WebhookEventType.INVITE_LOCKED, true),
    EMAIL_SENT(null, true),
    EMAIL_FAILED(null, true),
    LINK_REISSUED(null, true),
    DEVICE_MOVED(WebhookEventType.INVITE_DEVICE_MOVED, true);

    private final WebhookEventType webhook;
    private final boolean stored;

    ActivityKind(WebhookEventType webhook, boolean stored) {
        this.webhook = webhook;
        this.stored = stored;
    }

    /** Whether recording this kind writes an activity entry (else it is derived from the invite row). */
    public boolean stored() {
        return stored;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The webhook event this kind is reported as, if any. */
    public Optional<WebhookEventType> webhook() {
        return Optional.ofNullable(webhook);
    }

    public static Optional<ActivityKind> fromWire(String wire) {
        for (ActivityKind kind : values()) {
            if (kind.wire().equals(wire)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
