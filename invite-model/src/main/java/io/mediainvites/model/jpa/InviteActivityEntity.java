package io.mediainvites.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One entry of an invite's activity (O10): what happened, when, why. Never a link, a token or a code. */
@Entity
@Table(name = "MI_INVITE_ACTIVITY")
@NamedQueries({
    @NamedQuery(name = "mi.activity.byInvite",
            query = "select a from InviteActivityEntity a where a.inviteId = :id order by a.seq desc"),
    @NamedQuery(name = "mi.activity.trim",
            query = "delete from InviteActivityEntity a where a.inviteId = :id and a.seq <= :upTo"),
    @NamedQuery(name = "mi.activity.idsByInvites", query = "select a.id from InviteActivityEntity a where a.inviteId in :ids"),
    @NamedQuery(name = "mi.activity.deleteByEntryIds", query = "delete from InviteActivityEntity a where a.id in :ids"),
    @NamedQuery(name = "mi.activity.deleteByRealm", query = "delete from InviteActivityEntity a where a.realmId = :realmId")
})
public class InviteActivityEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "INVITE_ID", length = 36, nullable = false)
    private String inviteId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Position in the invite's activity (1, 2, …): the order entries are shown in. */
    @Column(name = "SEQ", nullable = false)
    private long seq;

    @Column(name = "OCCURRED_AT", nullable = false)
    private long at;

    @Column(name = "KIND", length = 32, nullable = false)
    private String kind;

    @Column(name = "REASON", length = 64)
    private String reason;

    @Column(name = "DETAIL", length = 255)
    private String detail;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getInviteId() { return inviteId; }
    public void setInviteId(String inviteId) { this.inviteId = inviteId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getSeq() { return seq; }
    public void setSeq(long seq) { this.seq = seq; }
    public long getAt() { return at; }
    public void setAt(long at) { this.at = at; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
}
