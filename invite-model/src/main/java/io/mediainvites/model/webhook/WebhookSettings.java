package io.mediainvites.model.webhook;

import io.mediainvites.core.webhook.RetrySchedule;
import java.time.Duration;

/**
 * Server-side settings of webhook delivery (O11), with their defaults in one place. Set through the SPI options of
 * the {@code media-invites} realm resource ({@code --spi-realm-restapi-extension--media-invites--webhook-…}).
 *
 * @param interval how often the delivery job looks for due events (once per cluster)
 * @param firstRetryDelay the back-off's first delay (doubling up to an hour, for up to 24 h)
 * @param allowHttpLoopback whether {@code http://} URLs to loopback addresses are accepted (development only)
 */
public record WebhookSettings(Duration interval, Duration firstRetryDelay, boolean allowHttpLoopback,
        Duration connectTimeout, Duration readTimeout) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Client attribute holding the app's webhook URL; blank or absent: no webhooks. */
    public static final String URL_ATTRIBUTE = "media-invites.webhook.url";
    /** Client attribute holding the shared secret the deliveries are signed with. */
    public static final String SECRET_ATTRIBUTE = "media-invites.webhook.secret";

    public static WebhookSettings defaults(boolean devMode) {
        return new WebhookSettings(DEFAULT_INTERVAL, RetrySchedule.FIRST_DELAY, devMode, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    public RetrySchedule retries() {
        return RetrySchedule.startingAt(firstRetryDelay);
    }
}
