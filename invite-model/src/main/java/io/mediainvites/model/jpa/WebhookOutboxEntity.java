package io.mediainvites.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One webhook event for a media app (O11), written in the transaction of the change it reports and delivered
 * later by the delivery job. Its id is the event id the receiver sees (and its idempotency key).
 */
@Entity
@Table(name = "MI_WEBHOOK_OUTBOX")
@NamedQueries({
    @NamedQuery(name = "mi.outbox.pending",
            query = "select o from WebhookOutboxEntity o where o.status = 'pending' order by o.orderKey"),
    @NamedQuery(name = "mi.outbox.claim",
            query = "update WebhookOutboxEntity o set o.leaseUntil = :until where o.id = :id and o.status = 'pending'"
                    + " and (o.leaseUntil is null or o.leaseUntil <= :now)"),
    @NamedQuery(name = "mi.outbox.delivered",
            query = "update WebhookOutboxEntity o set o.status = 'delivered', o.deliveredAt = :now,"
                    + " o.attempts = o.attempts + 1, o.leaseUntil = null, o.lastError = null where o.id = :id"),
    @NamedQuery(name = "mi.outbox.retry",
            query = "update WebhookOutboxEntity o set o.attempts = o.attempts + 1, o.nextAttemptAt = :next,"
                    + " o.leaseUntil = null, o.lastError = :error where o.id = :id"),
    @NamedQuery(name = "mi.outbox.failed",
            query = "update WebhookOutboxEntity o set o.status = 'failed', o.attempts = o.attempts + :counted,"
                    + " o.leaseUntil = null, o.lastError = :error where o.id = :id"),
    @NamedQuery(name = "mi.outbox.byRealm",
            query = "select o from WebhookOutboxEntity o where o.realmId = :realmId order by o.orderKey desc"),
    @NamedQuery(name = "mi.outbox.byRealmStatus",
            query = "select o from WebhookOutboxEntity o where o.realmId = :realmId and o.status = :status"
                    + " order by o.orderKey desc"),
    @NamedQuery(name = "mi.outbox.purgeDelivered",
            query = "delete from WebhookOutboxEntity o where o.status = 'delivered' and o.deliveredAt < :before"),
    @NamedQuery(name = "mi.outbox.deleteByRealm", query = "delete from WebhookOutboxEntity o where o.realmId = :realmId")
})
public class WebhookOutboxEntity {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** The receiving app's internal client id. */
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "INVITE_ID", length = 36)
    private String inviteId;

    @Column(name = "EVENT_TYPE", length = 32, nullable = false)
    private String eventType;

    /** The JSON body exactly as it is sent (and signed). */
    @Column(name = "PAYLOAD", length = 4000, nullable = false)
    private String payload;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** Creation order (milliseconds × 1000 + a per-node counter): events of an app are delivered in this order. */
    @Column(name = "ORDER_KEY", nullable = false)
    private long orderKey;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    /** While a node is delivering this event: until when its claim holds. */
    @Column(name = "LEASE_UNTIL")
    private Long leaseUntil;

    @Column(name = "LAST_ERROR", length = 255)
    private String lastError;

    @Column(name = "DELIVERED_AT")
    private Long deliveredAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getInviteId() { return inviteId; }
    public void setInviteId(String inviteId) { this.inviteId = inviteId; }
    public String getEventType() { return eventType; }
    public void setEventType(String eventType) { this.eventType = eventType; }
    public String getPayload() { return payload; }
    public void setPayload(String payload) { this.payload = payload; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getOrderKey() { return orderKey; }
    public void setOrderKey(long orderKey) { this.orderKey = orderKey; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public Long getLeaseUntil() { return leaseUntil; }
    public void setLeaseUntil(Long leaseUntil) { this.leaseUntil = leaseUntil; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public Long getDeliveredAt() { return deliveredAt; }
    public void setDeliveredAt(Long deliveredAt) { this.deliveredAt = deliveredAt; }
}
