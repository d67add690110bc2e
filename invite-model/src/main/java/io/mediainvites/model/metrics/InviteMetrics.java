package io.mediainvites.model.metrics;

import io.mediainvites.core.mail.MailFailure;
import io.mediainvites.core.webhook.WebhookEventType;
import io.mediainvites.core.media.InviteRole;
import io.mediainvites.core.media.MediaType;
import io.mediainvites.core.redeem.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;

/**
 * The extension's meters (O8), in Keycloak's Micrometer registry: with {@code --metrics-enabled=true} they are
 * on the management port's {@code /metrics} next to Keycloak's own. Every tag value comes from a closed set
 * (media types, roles, refusal codes, e-mail failure codes), never an id, an e-mail or a free text; anything
 * outside its set is counted as {@value #OTHER}.
 *
 * <p>Counters are fed from one place, {@link MetricsEventListener}, out of the events the extension already
 * emits. Only the redemption timer is started by the redemption endpoint itself ({@link #timeRedemption}).
 *
 * <p>Webhook deliveries (O11): {@code media.invites.webhooks.delivered} and {@code media.invites.webhooks.failed}
 * (every failed attempt, including the last before giving up; tag {@code event}: the webhook event type), fed by
 * the outbox's delivery job.
 */
public final class InviteMetrics {

    public static final String ISSUED = "media.invites.issued";
    public static final String REDEEMED = "media.invites.redeemed";
    public static final String REFUSED = "media.invites.refused";
    public static final String EMAILS_SENT = "media.invites.emails.sent";
    public static final String EMAILS_FAILED = "media.invites.emails.failed";
    public static final String REDEMPTION = "media.invites.redemption";
    public static final String WEBHOOKS_DELIVERED = "media.invites.webhooks.delivered";
    public static final String WEBHOOKS_FAILED = "media.invites.webhooks.failed";
    public static final String OTHER = "other";

    private static final Set<String> MEDIA_TYPES = Arrays.stream(MediaType.values()).map(MediaType::wire)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> ROLES = Arrays.stream(InviteRole.values()).map(InviteRole::wire)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> REASONS = Arrays.stream(Refusal.values()).map(Refusal::reason)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> MAIL_ERRORS = MailFailure.knownCodes();
    private static final Set<String> WEBHOOK_EVENTS = Arrays.stream(WebhookEventType.values())
            .map(WebhookEventType::wire).collect(Collectors.toUnmodifiableSet());

    private static final InviteMetrics GLOBAL = new InviteMetrics(Metrics.globalRegistry);

    private final MeterRegistry registry;

    public InviteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters in Keycloak's (global) registry. */
    public static InviteMetrics global() {
        return GLOBAL;
    }

    /** Whether {@code reason} is one of the redemption refusal codes ({@link Refusal}). */
    public static boolean isRefusalReason(String reason) {
        return reason != null && REASONS.contains(reason);
    }

    public void issued(String mediaType, String role) {
        Counter.builder(ISSUED).description("Invites issued")
                .tag("media_type", bounded(mediaType, MEDIA_TYPES)).tag("role", bounded(role, ROLES))
                .register(registry).increment();
    }

    public void redeemed(String role) {
        Counter.builder(REDEEMED).description("Invite redemptions (uses counted)")
                .tag("role", bounded(role, ROLES)).register(registry).increment();
    }

    public void refused(String reason) {
        Counter.builder(REFUSED).description("Invite links refused, by reason")
                .tag("reason", bounded(reason, REASONS)).register(registry).increment();
    }

    public void emailSent() {
        Counter.builder(EMAILS_SENT).description("Invite e-mails sent").register(registry).increment();
    }

    public void emailFailed(String errorCode) {
        Counter.builder(EMAILS_FAILED).description("Invite e-mails that could not be sent, by error code")
                .tag("error", bounded(errorCode, MAIL_ERRORS)).register(registry).increment();
    }

    public void webhookDelivered(String eventType) {
        Counter.builder(WEBHOOKS_DELIVERED).description("Webhook events delivered (2xx from the receiver)")
                .tag("event", bounded(eventType, WEBHOOK_EVENTS)).register(registry).increment();
    }

    public void webhookFailed(String eventType) {
        Counter.builder(WEBHOOKS_FAILED).description("Webhook delivery attempts that failed")
                .tag("event", bounded(eventType, WEBHOOK_EVENTS)).register(registry).increment();
    }

    public Timer redemptionTimer() {
        return Timer.builder(REDEMPTION).description("Time the redemption POST takes on the server, until its session closes")
                .register(registry);
    }

    /**
     * Times the current request (the redemption POST) until its Keycloak session closes, i.e. including the
     * commit of its transaction. Call once at the start of the request.
     */
    public static void timeRedemption(KeycloakSession session) {
        Timer.Sample sample = Timer.start();
        session.enlistForClose(() -> sample.stop(GLOBAL.redemptionTimer()));
    }

    static String bounded(String value, Set<String> known) {
        if (value == null) {
            return OTHER;
        }
        String normal = value.trim().toLowerCase(Locale.ROOT);
        return known.contains(normal) ? normal : OTHER;
    }
}
