package io.mediainvites.model.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediainvites.core.webhook.WebhookEventType;
import io.mediainvites.model.jpa.WebhookOutboxEntity;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The webhook outbox (O11): events for a media app, written in the caller's transaction (so an event exists
 * exactly when the change it reports committed) and delivered later by {@link WebhookDelivery}. Only apps with a
 * webhook URL attribute get rows. Called through {@code InviteActivity}, the one place features report to.
 */
public final class WebhookOutbox {

    private static final AtomicInteger ORDER = new AtomicInteger();
    /** Every field of the event is present in the body, null when it does not apply (a media event has no invite). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final EntityManager em;

    private WebhookOutbox(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public static WebhookOutbox of(KeycloakSession session) {
        return new WebhookOutbox(session);
    }

    /**
     * Writes one event for the app (internal client id {@code clientId}) if it has a webhook URL; the body is fixed
     * now and signed as it is at delivery.
     */
    public void enqueue(WebhookEventType type, String realmId, String clientId, String mediaId, String inviteId,
            String role, String reason, Instant now) {
        RealmModel realm = session.realms().getRealm(realmId);
        ClientModel client = realm == null ? null : realm.getClientById(clientId);
        if (client == null || isBlank(client.getAttribute(WebhookSettings.URL_ATTRIBUTE))) {
            return;
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type.wire());
        body.put("time", now.toString());
        body.put("realm", realm.getName());
        body.put("client", client.getClientId());
        body.put("mediaId", mediaId);
        body.put("inviteId", inviteId);
        body.put("role", role);
        body.put("reason", reason);
        WebhookOutboxEntity row = new WebhookOutboxEntity();
        row.setId(id);
        row.setRealmId(realmId);
        row.setClientId(clientId);
        row.setInviteId(inviteId);
        row.setEventType(type.wire());
        row.setPayload(json(body));
        row.setCreatedAt(now.toEpochMilli());
        row.setOrderKey(now.toEpochMilli() * 1000 + Math.floorMod(ORDER.getAndIncrement(), 1000));
        row.setStatus(WebhookOutboxEntity.PENDING);
        row.setAttempts(0);
        row.setNextAttemptAt(now.toEpochMilli());
        em.persist(row);
    }

    /** The realm's events, newest first, optionally of one status only (the admin API). */
    public List<WebhookOutboxEntity> list(String realmId, String status, int first, int max) {
        var query = status == null
                ? em.createNamedQuery("mi.outbox.byRealm", WebhookOutboxEntity.class)
                : em.createNamedQuery("mi.outbox.byRealmStatus", WebhookOutboxEntity.class).setParameter("status", status);
        return query.setParameter("realmId", realmId).setFirstResult(first).setMaxResults(max).getResultList();
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
