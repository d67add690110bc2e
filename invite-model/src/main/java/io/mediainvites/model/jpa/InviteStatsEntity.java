package io.mediainvites.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The activity summary of one invite (O10): how often its link was opened (first, last), the sequence number of
 * its newest activity entry and its last refusal. Kept apart from {@code MI_INVITE} so that recording an open
 * never takes the invite row's lock that redemption counts uses under. Changed only by conditional bulk updates.
 */
@Entity
@Table(name = "MI_INVITE_STATS")
@NamedQueries({
    @NamedQuery(name = "mi.stats.open",
            query = "update InviteStatsEntity s set s.openedCount = s.openedCount + 1, s.lastOpenedAt = :now,"
                    + " s.firstOpenedAt = coalesce(s.firstOpenedAt, :now) where s.inviteId = :id"),
    @NamedQuery(name = "mi.stats.nextSeq",
            query = "update InviteStatsEntity s set s.activitySeq = s.activitySeq + 1 where s.inviteId = :id"),
    @NamedQuery(name = "mi.stats.refused",
            query = "update InviteStatsEntity s set s.activitySeq = s.activitySeq + 1, s.lastRefusal = :reason,"
                    + " s.lastRefusalAt = :now where s.inviteId = :id"),
    @NamedQuery(name = "mi.stats.seq", query = "select s.activitySeq from InviteStatsEntity s where s.inviteId = :id"),
    @NamedQuery(name = "mi.stats.lastRefusal",
            query = "select s.lastRefusal, s.lastRefusalAt from InviteStatsEntity s where s.inviteId = :id"),
    @NamedQuery(name = "mi.stats.byIds", query = "select s from InviteStatsEntity s where s.inviteId in :ids"),
    @NamedQuery(name = "mi.stats.deleteByIds", query = "delete from InviteStatsEntity s where s.inviteId in :ids"),
    @NamedQuery(name = "mi.stats.deleteByRealm", query = "delete from InviteStatsEntity s where s.realmId = :realmId")
})
public class InviteStatsEntity {

    @Id
    @Column(name = "INVITE_ID", length = 36)
    private String inviteId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "OPENED_COUNT", nullable = false)
    private int openedCount;

    @Column(name = "FIRST_OPENED_AT")
    private Long firstOpenedAt;

    @Column(name = "LAST_OPENED_AT")
    private Long lastOpenedAt;

    @Column(name = "ACTIVITY_SEQ", nullable = false)
    private long activitySeq;

    @Column(name = "LAST_REFUSAL", length = 64)
    private String lastRefusal;

    @Column(name = "LAST_REFUSAL_AT")
    private Long lastRefusalAt;

    public String getInviteId() { return inviteId; }
    public void setInviteId(String inviteId) { this.inviteId = inviteId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public int getOpenedCount() { return openedCount; }
    public void setOpenedCount(int openedCount) { this.openedCount = openedCount; }
    public Long getFirstOpenedAt() { return firstOpenedAt; }
    public void setFirstOpenedAt(Long firstOpenedAt) { this.firstOpenedAt = firstOpenedAt; }
    public Long getLastOpenedAt() { return lastOpenedAt; }
    public void setLastOpenedAt(Long lastOpenedAt) { this.lastOpenedAt = lastOpenedAt; }
    public long getActivitySeq() { return activitySeq; }
    public void setActivitySeq(long activitySeq) { this.activitySeq = activitySeq; }
    public String getLastRefusal() { return lastRefusal; }
    public void setLastRefusal(String lastRefusal) { this.lastRefusal = lastRefusal; }
    public Long getLastRefusalAt() { return lastRefusalAt; }
    public void setLastRefusalAt(Long lastRefusalAt) { this.lastRefusalAt = lastRefusalAt; }
}
