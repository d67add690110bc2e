package io.mediainvites.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;

class MetricsEventListenerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MetricsEventListener listener = new MetricsEventListener(new InviteMetrics(registry));

    @Test
    void issuedInvitesAreCountedByMediaTypeAndRole() {
        listener.count(admin(OperationType.CREATE, Map.of("media_type", "webcast", "role", "speaker")), false);
        listener.count(admin(OperationType.CREATE, Map.of("media_type", "webcast", "role", "speaker")), false);
        listener.count(admin(OperationType.CREATE, Map.of("media_type", "video", "role", "viewer")), false);
        assertThat(count(InviteMetrics.ISSUED, "media_type", "webcast", "role", "speaker")).isEqualTo(2);
        assertThat(count(InviteMetrics.ISSUED, "media_type", "video", "role", "viewer")).isEqualTo(1);
    }

    @Test
    void revokesAndOtherResourcesAreNotIssues() {
        listener.count(admin(OperationType.DELETE, Map.of("media_type", "video", "role", "viewer")), false);
        AdminEvent media = admin(OperationType.CREATE, Map.of("media_id", "m"));
        media.setResourceTypeAsString("MEDIA_INVITES_MEDIA");
        listener.count(media, false);
        AdminEvent user = admin(OperationType.CREATE, Map.of());
        user.setResourceTypeAsString("USER");
        listener.count(user, false);
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void emailOutcomesAreCountedWithTheErrorCodeOnly() {
        listener.count(admin(OperationType.ACTION, Map.of("email_status", "sent")), false);
        listener.count(admin(OperationType.ACTION, Map.of("email_status", "failed",
                "email_error", "smtp_unreachable: The realm's SMTP server could not be reached. (Connection refused)")), false);
        listener.count(admin(OperationType.ACTION, Map.of("email_status", "failed", "email_error", "made_up: x")), false);
        assertThat(count(InviteMetrics.EMAILS_SENT)).isEqualTo(1);
        assertThat(count(InviteMetrics.EMAILS_FAILED, "error", "smtp_unreachable")).isEqualTo(1);
        assertThat(count(InviteMetrics.EMAILS_FAILED, "error", "other")).isEqualTo(1);
    }

    @Test
    void redemptionsAndRefusalsOfInviteLinksAreCounted() {
        listener.count(user(EventType.EXECUTE_ACTION_TOKEN, null, Map.of(Details.ACTION, "media-invite", "role", "moderator")));
        // the landing page's check has no role: not a redemption
        listener.count(user(EventType.EXECUTE_ACTION_TOKEN, null, Map.of(Details.ACTION, "media-invite")));
        listener.count(user(EventType.EXECUTE_ACTION_TOKEN_ERROR, "revoked", Map.of(Details.ACTION, "media-invite")));
        listener.count(user(EventType.EXECUTE_ACTION_TOKEN_ERROR, "device_mismatch", Map.of(Details.ACTION, "media-invite")));
        // not a refusal code (a wrong confirmation code), and another action token's error
        listener.count(user(EventType.EXECUTE_ACTION_TOKEN_ERROR, "code_invalid", Map.of(Details.ACTION, "media-invite")));
        listener.count(user(EventType.EXECUTE_ACTION_TOKEN_ERROR, "expired", Map.of(Details.ACTION, "reset-credentials")));
        listener.count(user(EventType.LOGIN, null, Map.of()));
        assertThat(count(InviteMetrics.REDEEMED, "role", "moderator")).isEqualTo(1);
        assertThat(count(InviteMetrics.REFUSED, "reason", "revoked")).isEqualTo(1);
        assertThat(count(InviteMetrics.REFUSED, "reason", "device_mismatch")).isEqualTo(1);
        assertThat(registry.find(InviteMetrics.REFUSED).counters()).hasSize(2);
        assertThat(registry.find(InviteMetrics.REDEEMED).counters()).hasSize(1);
    }

    @Test
    void tagValuesOutsideTheirClosedSetBecomeOther() {
        listener.count(admin(OperationType.CREATE, Map.of("media_type", "owner@example.com", "role", "admin")), false);
        assertThat(count(InviteMetrics.ISSUED, "media_type", "other", "role", "other")).isEqualTo(1);
        assertThat(registry.getMeters()).flatExtracting(m -> m.getId().getTags())
                .allSatisfy(tag -> assertThat(tag.getValue()).doesNotContain("@"));
    }

    private double count(String name, String... tags) {
        Meter meter = tags.length == 0 ? registry.find(name).counter() : registry.find(name).tags(tags).counter();
        assertThat(meter).as(name + " " + List.of(tags)).isNotNull();
        return registry.find(name).tags(tags).counter().count();
    }

    private static AdminEvent admin(OperationType operation, Map<String, String> details) {
        AdminEvent event = new AdminEvent();
        event.setResourceTypeAsString(MetricsEventListener.RESOURCE_INVITE);
        event.setOperationType(operation);
        event.setDetails(new HashMap<>(details));
        return event;
    }

    private static Event user(EventType type, String error, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setError(error);
        event.setDetails(new HashMap<>(details));
        return event;
    }
}
