package io.mediainvites.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One counter of a rate rule for one subject in one realm ({@code io.mediainvites.model.limit.RateLimiter}):
 * the hits of the current window. The id is a hash of rule, realm and subject, so no subject (an e-mail, a user
 * id) is stored in clear and the key length is fixed. Only ever changed by conditional bulk updates, so parallel
 * requests on any node count exactly.
 */
@Entity
@Table(name = "MI_RATE_COUNTER")
@NamedQueries({
    @NamedQuery(name = "mi.rate.increment",
            query = "update RateCounterEntity c set c.hits = c.hits + 1 where c.id = :id"
                    + " and c.windowStart = :windowStart and c.hits < :max"),
    @NamedQuery(name = "mi.rate.roll",
            query = "update RateCounterEntity c set c.windowStart = :windowStart, c.hits = 1, c.expiresAt = :expiresAt"
                    + " where c.id = :id and c.windowStart < :windowStart"),
    @NamedQuery(name = "mi.rate.hits",
            query = "select c.hits from RateCounterEntity c where c.id = :id and c.windowStart = :windowStart"),
    @NamedQuery(name = "mi.rate.reset", query = "delete from RateCounterEntity c where c.id = :id"),
    @NamedQuery(name = "mi.rate.purgeExpired",
            query = "delete from RateCounterEntity c where c.expiresAt is not null and c.expiresAt <= :now"),
    @NamedQuery(name = "mi.rate.deleteByRealm", query = "delete from RateCounterEntity c where c.realmId = :realmId")
})
public class RateCounterEntity {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "RULE_NAME", length = 64, nullable = false)
    private String ruleName;

    /** Epoch milliseconds of the window's start; 0 for a limit in total. */
    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;

    @Column(name = "HITS", nullable = false)
    private int hits;

    /** End of the window (epoch milliseconds), after which the row may be purged; null for a limit in total. */
    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRuleName() { return ruleName; }
    public void setRuleName(String ruleName) { this.ruleName = ruleName; }
    public long getWindowStart() { return windowStart; }
    public void setWindowStart(long windowStart) { this.windowStart = windowStart; }
    public int getHits() { return hits; }
    public void setHits(int hits) { this.hits = hits; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
}
