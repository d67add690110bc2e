package io.mediainvites.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One invite (I4): bound to an e-mail, a media entry of one client, a role and a redirect. Its id is the
 * {@code jti} of the invite action token. Use limit -1 means unlimited.
 */
@Entity
@Table(name = "MI_INVITE")
@NamedQueries({
    @NamedQuery(name = "mi.invite.byMedia",
            query = "select i from InviteEntity i where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.mediaId = :mediaId order by i.createdAt desc, i.id"),
    @NamedQuery(name = "mi.invite.byMedia.revoked",
            query = "select i from InviteEntity i where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.mediaId = :mediaId and i.revokedAt is not null order by i.createdAt desc, i.id"),
    @NamedQuery(name = "mi.invite.byMedia.used_up",
            query = "select i from InviteEntity i where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.mediaId = :mediaId and i.revokedAt is null and i.lockedAt is null and i.useLimit > 0"
                    + " and i.useCount >= i.useLimit order by i.createdAt desc, i.id"),
    @NamedQuery(name = "mi.invite.byMedia.expired",
            query = "select i from InviteEntity i where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.mediaId = :mediaId and i.revokedAt is null and i.lockedAt is null"
                    + " and (i.useLimit < 0 or i.useCount < i.useLimit) and i.expiresAt <= :now"
                    + " order by i.createdAt desc, i.id"),
    @NamedQuery(name = "mi.invite.byMedia.locked",
            query = "select i from InviteEntity i where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.mediaId = :mediaId and i.revokedAt is null and i.lockedAt is not null"
                    + " order by i.createdAt desc, i.id"),
    @NamedQuery(name = "mi.invite.lock",
            query = "update InviteEntity i set i.lockedAt = :now, i.version = i.version + 1"
                    + " where i.id = :id and i.lockedAt is null"),
    @NamedQuery(name = "mi.invite.byMedia.pending",
            query = "select i from InviteEntity i where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.mediaId = :mediaId and i.revokedAt is null and i.lockedAt is null"
                    + " and (i.useLimit < 0 or i.useCount < i.useLimit) and i.expiresAt > :now"
                    + " and i.useCount = 0 order by i.createdAt desc, i.id"),
    @NamedQuery(name = "mi.invite.byMedia.active",
            query = "select i from InviteEntity i where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.mediaId = :mediaId and i.revokedAt is null and i.lockedAt is null"
                    + " and (i.useLimit < 0 or i.useCount < i.useLimit) and i.expiresAt > :now"
                    + " and i.useCount > 0 order by i.createdAt desc, i.id"),
    // equality on the columns of IDX_MI_INVITE_PENDING_EMAIL only; realm and status are judged by the caller. With a
    // REALM_ID, range or IS NULL condition in the statement, a planner without statistics (a fresh database) preferred
    // a small index on (REALM_ID, EXPIRES_AT) or (REALM_ID, LAST_USED_AT) and read every pending invite of the realm
    @NamedQuery(name = "mi.invite.pendingFor",
            query = "select i from InviteEntity i where i.email = :email and i.mediaId = :mediaId"
                    + " and i.clientId = :clientId and i.role = :role"),
    @NamedQuery(name = "mi.invite.revokeForMedia",
            query = "update InviteEntity i set i.revokedAt = :now, i.revokedBy = :by, i.revokeReason = :reason,"
                    + " i.version = i.version + 1 where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.mediaId = :mediaId and i.revokedAt is null"),
    @NamedQuery(name = "mi.invite.redeem.bound",
            query = "update InviteEntity i set i.useCount = i.useCount + 1, i.lastUsedAt = :now,"
                    + " i.deviceHash = coalesce(i.deviceHash, :device),"
                    + " i.deviceBoundAt = coalesce(i.deviceBoundAt, :now), i.version = i.version + 1"
                    + " where i.id = :id and i.revokedAt is null and i.expiresAt > :now"
                    + " and (i.useLimit < 0 or i.useCount < i.useLimit)"
                    + " and (i.deviceHash is null or i.deviceHash = :device)"),
    @NamedQuery(name = "mi.invite.redeem.unbound",
            query = "update InviteEntity i set i.useCount = i.useCount + 1, i.lastUsedAt = :now,"
                    + " i.version = i.version + 1 where i.id = :id and i.revokedAt is null and i.expiresAt > :now"
                    + " and (i.useLimit < 0 or i.useCount < i.useLimit)"),
    @NamedQuery(name = "mi.invite.emailDelivery",
            query = "update InviteEntity i set i.emailStatus = :status, i.emailError = :error,"
                    + " i.version = i.version + 1 where i.id = :id"),
    @NamedQuery(name = "mi.invite.notRevoked",
            query = "select i.id from InviteEntity i where i.id in :ids and i.revokedAt is null"),
    @NamedQuery(name = "mi.invite.nextLinkGeneration",
            query = "update InviteEntity i set i.linkGeneration = i.linkGeneration + 1, i.version = i.version + 1"
                    + " where i.id = :id"),
    @NamedQuery(name = "mi.invite.byAppEmailPrefix",
            query = "select i from InviteEntity i where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.email like :prefix escape '!' order by i.createdAt desc"),
    @NamedQuery(name = "mi.invite.eventBoundForMedia",
            query = "select i from InviteEntity i where i.realmId = :realmId and i.clientId = :clientId"
                    + " and i.mediaId = :mediaId and i.eventBound = true and i.revokedAt is null"),
    @NamedQuery(name = "mi.invite.reminderDue",
            query = "select i from InviteEntity i, MediaEntryEntity m where m.realmId = i.realmId"
                    + " and m.clientId = i.clientId and m.mediaId = i.mediaId and i.realmId = :realmId"
                    + " and i.remindedAt is null and i.revokedAt is null and i.lockedAt is null"
                    + " and (i.useLimit < 0 or i.useCount < i.useLimit) and i.expiresAt > :now"
                    + " and m.startsAt is not null and m.startsAt > :now and m.startsAt <= :horizon"
                    + " and i.createdAt < m.startsAt order by i.id"),
    @NamedQuery(name = "mi.invite.markReminded",
            query = "update InviteEntity i set i.remindedAt = :now, i.version = i.version + 1"
                    + " where i.id = :id and i.remindedAt is null"),
    @NamedQuery(name = "mi.invite.endedBefore",
            query = "select i.id from InviteEntity i where i.realmId = :realmId and (i.expiresAt <= :cutoff"
                    + " or i.revokedAt <= :cutoff or (i.useLimit > 0 and i.useCount >= i.useLimit"
                    + " and i.lastUsedAt <= :cutoff))"),
    @NamedQuery(name = "mi.invite.deleteByRealm", query = "delete from InviteEntity i where i.realmId = :realmId")
})
public class InviteEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "MEDIA_ID", length = 255, nullable = false)
    private String mediaId;

    @Column(name = "EMAIL", length = 254, nullable = false)
    private String email;

    @Column(name = "FIRST_NAME", length = 100, nullable = false)
    private String firstName;

    @Column(name = "LAST_NAME", length = 100, nullable = false)
    private String lastName;

    @Column(name = "ROLE", length = 32, nullable = false)
    private String role;

    /** The Keycloak user the token is issued to (existing or guest). */
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "INVITER_ID", length = 36, nullable = false)
    private String inviterId;

    /** Internal id of the client whose service account issued it on the inviter's behalf, if any. */
    @Column(name = "ISSUED_BY_CLIENT", length = 36)
    private String issuedByClient;

    @Column(name = "REDIRECT_URI", length = 2048, nullable = false)
    private String redirectUri;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "USE_LIMIT", nullable = false)
    private int useLimit;

    @Column(name = "USE_COUNT", nullable = false)
    private int useCount;

    @Column(name = "DEVICE_HASH", length = 128)
    private String deviceHash;

    @Column(name = "DEVICE_BOUND_AT")
    private Long deviceBoundAt;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    /** S11: when too many wrong one-time codes locked the invite; cleared by a re-issued link. */
    @Column(name = "LOCKED_AT")
    private Long lockedAt;

    @Column(name = "REVOKED_BY", length = 36)
    private String revokedBy;

    @Column(name = "REVOKE_REASON", length = 64)
    private String revokeReason;

    @Column(name = "EMAIL_STATUS", length = 32, nullable = false)
    private String emailStatus;

    @Column(name = "EMAIL_ERROR", length = 1000)
    private String emailError;

    /** S9: raised by every re-issue; only a token of the current generation redeems. */
    @Column(name = "LINK_GENERATION", nullable = false)
    private int linkGeneration = 1;

    /** R14: the link follows its live session (expiry = end + grace, moved by a reschedule). */
    @Column(name = "EVENT_BOUND", nullable = false)
    private boolean eventBound;

    /** R13: when the reminder e-mail of a live invite went out (once per invite). */
    @Column(name = "REMINDED_AT")
    private Long remindedAt;

    /** R12: the language given at issuance, used when the invitee's own is not known (BCP 47 tag). */
    @Column(name = "LOCALE", length = 35)
    private String locale;

    /** When the invite was last used (null: never); an invite used up is retained from then (O3). */
    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    /** R15: how many times the invitee moved the device binding to a new browser (by a mailed code). */
    @Column(name = "DEVICE_MOVES", nullable = false)
    private int deviceMoves;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    public int getLinkGeneration() { return linkGeneration; }
    public void setLinkGeneration(int linkGeneration) { this.linkGeneration = linkGeneration; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getMediaId() { return mediaId; }
    public void setMediaId(String mediaId) { this.mediaId = mediaId; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getRole() { return role; }
    public void setRole(String role) { this.role = role; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getInviterId() { return inviterId; }
    public void setInviterId(String inviterId) { this.inviterId = inviterId; }
    public String getIssuedByClient() { return issuedByClient; }
    public void setIssuedByClient(String issuedByClient) { this.issuedByClient = issuedByClient; }
    public String getRedirectUri() { return redirectUri; }
    public void setRedirectUri(String redirectUri) { this.redirectUri = redirectUri; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
    public int getUseLimit() { return useLimit; }
    public void setUseLimit(int useLimit) { this.useLimit = useLimit; }
    public int getUseCount() { return useCount; }
    public void setUseCount(int useCount) { this.useCount = useCount; }
    public String getDeviceHash() { return deviceHash; }
    public void setDeviceHash(String deviceHash) { this.deviceHash = deviceHash; }
    public Long getDeviceBoundAt() { return deviceBoundAt; }
    public void setDeviceBoundAt(Long deviceBoundAt) { this.deviceBoundAt = deviceBoundAt; }
    public String getLocale() { return locale; }
    public void setLocale(String locale) { this.locale = locale; }
    public boolean isEventBound() { return eventBound; }
    public void setEventBound(boolean eventBound) { this.eventBound = eventBound; }
    public Long getRemindedAt() { return remindedAt; }
    public void setRemindedAt(Long remindedAt) { this.remindedAt = remindedAt; }
    public Long getLockedAt() { return lockedAt; }
    public void setLockedAt(Long lockedAt) { this.lockedAt = lockedAt; }
    public Long getRevokedAt() { return revokedAt; }
    public void setRevokedAt(Long revokedAt) { this.revokedAt = revokedAt; }
    public String getRevokedBy() { return revokedBy; }
    public void setRevokedBy(String revokedBy) { this.revokedBy = revokedBy; }
    public String getRevokeReason() { return revokeReason; }
    public void setRevokeReason(String revokeReason) { this.revokeReason = revokeReason; }
    public String getEmailStatus() { return emailStatus; }
    public void setEmailStatus(String emailStatus) { this.emailStatus = emailStatus; }
    public String getEmailError() { return emailError; }
    public void setEmailError(String emailError) { this.emailError = emailError; }
    public int getVersion() { return version; }
    public Long getLastUsedAt() { return lastUsedAt; }

    public int getDeviceMoves() {
        return deviceMoves;
    }

    public void setDeviceMoves(int deviceMoves) {
        this.deviceMoves = deviceMoves;
    }
}
