package io.mediainvites.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A Keycloak user session created by an invite (R7): ended when {@code expiresAt} passes (the invite-session
 * length of the policy) or when its media entry is deleted (M4).
 */
@Entity
@Table(name = "MI_INVITE_SESSION")
@NamedQueries({
    @NamedQuery(name = "mi.session.expired",
            query = "select s from InviteSessionEntity s where s.expiresAt <= :now order by s.expiresAt"),
    @NamedQuery(name = "mi.session.byMedia",
            query = "select s from InviteSessionEntity s where s.realmId = :realmId and s.clientId = :clientId"
                    + " and s.mediaId = :mediaId"),
    @NamedQuery(name = "mi.session.byInvite",
            query = "select s from InviteSessionEntity s where s.inviteId = :inviteId"),
    @NamedQuery(name = "mi.session.deleteByRealm", query = "delete from InviteSessionEntity s where s.realmId = :realmId")
})
public class InviteSessionEntity {

    @Id
    @Column(name = "USER_SESSION_ID", length = 36)
    private String userSessionId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "MEDIA_ID", length = 255, nullable = false)
    private String mediaId;

    @Column(name = "INVITE_ID", length = 36, nullable = false)
    private String inviteId;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    public String getUserSessionId() { return userSessionId; }
    public void setUserSessionId(String userSessionId) { this.userSessionId = userSessionId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getMediaId() { return mediaId; }
    public void setMediaId(String mediaId) { this.mediaId = mediaId; }
    public String getInviteId() { return inviteId; }
    public void setInviteId(String inviteId) { this.inviteId = inviteId; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
}
