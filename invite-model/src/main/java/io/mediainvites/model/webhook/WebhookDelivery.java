package io.mediainvites.model.webhook;

import io.mediainvites.core.ExtensionInfo;
import io.mediainvites.core.webhook.WebhookSignature;
import io.mediainvites.core.webhook.WebhookUrl;
import io.mediainvites.model.jobs.ClusterJob;
import io.mediainvites.model.jpa.WebhookOutboxEntity;
import io.mediainvites.model.metrics.InviteMetrics;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Delivers the outbox (O11), once per cluster per interval ({@code ClusterJobs}). Events of one app go out in the
 * order they were written: the first that is not due yet, or that fails, holds back the app's later events, so a
 * receiver sees each invite's events in order. Each attempt claims its event in a committed transaction first (for
 * 30 seconds, longer than an attempt can take), so two nodes never send it at once; the outcome is written in
 * another. Delivery is at-least-once: if a node dies after the receiver answered but before the outcome was
 * written, the event is sent again once the claim has passed, with the same event id (the receiver's idempotency key). Failed attempts back off
 * exponentially for up to 24 hours; then the event is marked failed (admin API). Redirects are not followed.
 */
public final class WebhookDelivery implements ClusterJob {

    public static final String NAME = "media-invites-webhook-delivery";
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    private static final int BATCH = 200;
    /** How long a claim holds: longer than one attempt can take (connect and read timeouts). */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(15);
    private static final Duration RUN_BUDGET = Duration.ofSeconds(30);
    private static final Duration KEEP_DELIVERED = Duration.ofDays(7);

    private final WebhookSettings settings;
    private final HttpClient http;

    public WebhookDelivery(WebhookSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        Instant started = Instant.now();
        List<WebhookOutboxEntity> pending = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                s -> em(s).createNamedQuery("mi.outbox.pending", WebhookOutboxEntity.class).setMaxResults(BATCH)
                        .getResultList());
        Set<String> heldBack = new HashSet<>();
        for (WebhookOutboxEntity event : pending) {
            String app = event.getRealmId() + '/' + event.getClientId();
            Instant now = Instant.now();
            if (heldBack.contains(app) || Duration.between(started, now).compareTo(RUN_BUDGET) > 0) {
                continue;
            }
            boolean leased = event.getLeaseUntil() != null && event.getLeaseUntil() > now.toEpochMilli();
            if (event.getNextAttemptAt() > now.toEpochMilli() || leased || !claim(factory, event, now)) {
                heldBack.add(app); // keeps the app's order
                continue;
            }
            if (!deliver(factory, event)) {
                heldBack.add(app);
            }
        }
        KeycloakModelUtils.runJobInTransaction(factory, s -> em(s).createNamedQuery("mi.outbox.purgeDelivered")
                .setParameter("before", Instant.now().minus(KEEP_DELIVERED).toEpochMilli()).executeUpdate());
    }

    private boolean claim(KeycloakSessionFactory factory, WebhookOutboxEntity event, Instant now) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> em(s).createNamedQuery("mi.outbox.claim")
                .setParameter("until", now.plus(settings.connectTimeout()).plus(settings.readTimeout()).plus(CLAIM_MARGIN)
                        .toEpochMilli()).setParameter("now", now.toEpochMilli())
                .setParameter("id", event.getId()).executeUpdate() == 1);
    }

    /** One attempt; true when delivered or given up (the app's next events may go), false when to retry later. */
    private boolean deliver(KeycloakSessionFactory factory, WebhookOutboxEntity event) {
        Endpoint endpoint = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> endpoint(s, event));
        if (endpoint.error() != null) {
            markFailed(factory, event, endpoint.error(), false);
            InviteMetrics.global().webhookFailed(event.getEventType());
            return true;
        }
        String error = send(endpoint, event);
        Instant now = Instant.now();
        if (error == null) {
            markDelivered(factory, event, now);
            InviteMetrics.global().webhookDelivered(event.getEventType());
            return true;
        }
        InviteMetrics.global().webhookFailed(event.getEventType());
        Optional<Instant> next = settings.retries().nextAttempt(Instant.ofEpochMilli(event.getCreatedAt()),
                event.getAttempts() + 1, now);
        LOG.debugf("webhook event %s (%s) attempt %d failed: %s", event.getId(), event.getEventType(),
                event.getAttempts() + 1, error);
        if (next.isEmpty()) {
            markFailed(factory, event, error, true);
            LOG.warnf("webhook event %s (%s) given up after %d attempts: %s", event.getId(), event.getEventType(),
                    event.getAttempts() + 1, error);
            return true;
        }
        KeycloakModelUtils.runJobInTransaction(factory, s -> em(s).createNamedQuery("mi.outbox.retry")
                .setParameter("next", next.get().toEpochMilli()).setParameter("error", error)
                .setParameter("id", event.getId()).executeUpdate());
        return false;
    }

    private static void markDelivered(KeycloakSessionFactory factory, WebhookOutboxEntity event, Instant now) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> em(s).createNamedQuery("mi.outbox.delivered")
                .setParameter("id", event.getId()).setParameter("now", now.toEpochMilli()).executeUpdate());
    }

    /** Gives the event up; {@code attempted}: whether this follows a failed attempt (counted) or none was made. */
    private static void markFailed(KeycloakSessionFactory factory, WebhookOutboxEntity event, String error,
            boolean attempted) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> em(s).createNamedQuery("mi.outbox.failed")
                .setParameter("id", event.getId()).setParameter("error", error)
                .setParameter("counted", attempted ? 1 : 0).executeUpdate());
    }

    /** Where the app wants its events now (the URL and secret may have changed since the event was written). */
    private Endpoint endpoint(KeycloakSession s, WebhookOutboxEntity event) {
        RealmModel realm = s.realms().getRealm(event.getRealmId());
        ClientModel client = realm == null ? null : realm.getClientById(event.getClientId());
        String rawUrl = client == null ? null : client.getAttribute(WebhookSettings.URL_ATTRIBUTE);
        if (rawUrl == null || rawUrl.isBlank()) {
            return new Endpoint(null, null, "no_endpoint");
        }
        Optional<URI> url = WebhookUrl.parse(rawUrl, settings.allowHttpLoopback());
        String secret = client.getAttribute(WebhookSettings.SECRET_ATTRIBUTE);
        if (url.isEmpty() || secret == null || secret.isBlank()) {
            return new Endpoint(null, null, "invalid_url");
        }
        return new Endpoint(url.get(), secret, null);
    }

    private record Endpoint(URI url, String secret, String error) {
    }

    /** Sends the event; null when the receiver answered 2xx, else a short error code. */
    private String send(Endpoint endpoint, WebhookOutboxEntity event) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "keycloak-media-invites/" + ExtensionInfo.get().version())
                .header("X-Media-Invites-Event-Id", event.getId())
                .header("X-Media-Invites-Event-Type", event.getEventType())
                .header("Idempotency-Key", event.getId())
                .header(WebhookSignature.HEADER, WebhookSignature.header(endpoint.secret(), timestamp, event.getPayload()))
                .POST(HttpRequest.BodyPublishers.ofString(event.getPayload()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "http_" + status;
        } catch (HttpTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "connect_failed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
