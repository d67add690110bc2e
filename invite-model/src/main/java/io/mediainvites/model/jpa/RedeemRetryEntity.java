package io.mediainvites.model.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * O4 (issue 14 item 7): the receipt of a counted use, written in the transaction that counted it, so that the same
 * browser can complete a redemption whose answer was lost without spending another use
 * ({@code io.mediainvites.core.redeem.RetryReceipt}). Found only by its key, claimed once, short-lived.
 */
@Entity
@Table(name = "MI_REDEEM_RETRY")
@NamedQueries({
    @NamedQuery(name = "mi.retry.deleteExpired",
            query = "delete from RedeemRetryEntity r where r.expiresAt <= :now"),
    @NamedQuery(name = "mi.retry.deleteByRealm", query = "delete from RedeemRetryEntity r where r.realmId = :realmId")
})
public class RedeemRetryEntity {

    /** SHA-256 hex of the browser's root authentication session, tab and posted form value. */
    @Id
    @Column(name = "KEY_HASH", length = 64)
    private String keyHash;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "INVITE_ID", length = 36, nullable = false)
    private String inviteId;

    /** The user session the lost answer signed in (ended by the retry), or null when an existing one was joined. */
    @Column(name = "USER_SESSION_ID", length = 36)
    private String userSessionId;

    /** Device hash the counted use bound the invite to, or null. */
    @Column(name = "DEVICE_HASH", length = 128)
    private String deviceHash;

    /** The amr of the lost sign-in ("invite", "invite otp"). */
    @Column(name = "AMR", length = 32, nullable = false)
    private String amr;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    public String getKeyHash() { return keyHash; }
    public void setKeyHash(String keyHash) { this.keyHash = keyHash; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getInviteId() { return inviteId; }
    public void setInviteId(String inviteId) { this.inviteId = inviteId; }
    public String getUserSessionId() { return userSessionId; }
    public void setUserSessionId(String userSessionId) { this.userSessionId = userSessionId; }
    public String getDeviceHash() { return deviceHash; }
    public void setDeviceHash(String deviceHash) { this.deviceHash = deviceHash; }
    public String getAmr() { return amr; }
    public void setAmr(String amr) { this.amr = amr; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
}
