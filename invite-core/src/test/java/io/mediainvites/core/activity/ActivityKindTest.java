package io.mediainvites.core.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.webhook.WebhookEventType;
import org.junit.jupiter.api.Test;

class ActivityKindTest {

    @Test
    void wireNamesRoundTrip() {
        for (ActivityKind kind : ActivityKind.values()) {
            assertThat(ActivityKind.fromWire(kind.wire())).contains(kind);
        }
        assertThat(ActivityKind.fromWire("opened")).isEmpty();
    }

    @Test
    void reportedKindsMapToTheirWebhookEvents() {
        assertThat(ActivityKind.REDEEMED.webhook()).contains(WebhookEventType.INVITE_REDEEMED);
        assertThat(ActivityKind.REFUSED.webhook()).contains(WebhookEventType.INVITE_REFUSED);
        assertThat(ActivityKind.REVOKED.webhook()).contains(WebhookEventType.INVITE_REVOKED);
        assertThat(ActivityKind.LOCKED.webhook()).contains(WebhookEventType.INVITE_LOCKED);
        assertThat(ActivityKind.DEVICE_MOVED.webhook()).contains(WebhookEventType.INVITE_DEVICE_MOVED);
        assertThat(WebhookEventType.INVITE_DEVICE_MOVED.wire()).isEqualTo("invite.device_moved");
        assertThat(ActivityKind.EMAIL_SENT.webhook()).isEmpty();
        assertThat(ActivityKind.REVOKED.stored()).isFalse();
        assertThat(ActivityKind.REDEEMED.stored()).isTrue();
        assertThat(WebhookEventType.fromWire("media.deleted")).contains(WebhookEventType.MEDIA_DELETED);
    }

    @Test
    void keepsTheNewestHundredPerInviteAndBoundsDetails() {
        assertThat(ActivityLimits.dropUpTo(150)).isEqualTo(50);
        assertThat(ActivityLimits.dropUpTo(3)).isNegative();
        assertThat(ActivityLimits.detail("x".repeat(300))).hasSize(255);
        assertThat(ActivityLimits.detail(null)).isNull();
        assertThat(ActivityLimits.reason("r".repeat(80))).hasSize(64);
        assertThat(ActivityLimits.reason("smtp_unreachable")).isEqualTo("smtp_unreachable");
    }
}
