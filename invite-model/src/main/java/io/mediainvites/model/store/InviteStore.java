package io.mediainvites.model.store;

import io.mediainvites.core.invite.InviteStatus;
import io.mediainvites.model.jpa.DatabaseDialect;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.InviteSessionEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.jpa.RedeemRetryEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Reads and writes media entries and invites in Keycloak's database, within the request's transaction. */
public final class InviteStore {

    private final EntityManager em;

    public InviteStore(EntityManager em) {
        this.em = em;
    }

    public static InviteStore of(KeycloakSession session) {
        return new InviteStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    public Optional<MediaEntryEntity> findMedia(String realmId, String clientId, String mediaId) {
        return em.createNamedQuery("mi.media.byKey", MediaEntryEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("clientId", clientId)
                .setParameter("mediaId", mediaId)
                .getResultStream()
                .findFirst();
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public void flush() {
        em.flush();
    }

    /** Re-reads a managed entity from the database (after a bulk update or another transaction changed its row). */
    public void refresh(Object entity) {
        em.refresh(entity);
    }

    /**
     * Records the outcome of the invite's e-mail ({@code sent} or {@code failed} with a redacted reason) without
     * loading the invite; meant to run in its own transaction. Returns whether the invite exists.
     */
    public boolean recordEmailDelivery(String inviteId, String status, String error) {
        return em.createNamedQuery("mi.invite.emailDelivery")
                .setParameter("status", status)
                .setParameter("error", error)
                .setParameter("id", inviteId)
                .executeUpdate() == 1;
    }

    /** Deletes the entry and revokes all its invites at once (M4). */
    public int deleteMedia(MediaEntryEntity media, String byUserId, long now) {
        int revoked = em.createNamedQuery("mi.invite.revokeForMedia")
                .setParameter("now", now)
                .setParameter("by", byUserId)
                .setParameter("reason", "media_deleted")
                .setParameter("realmId", media.getRealmId())
                .setParameter("clientId", media.getClientId())
                .setParameter("mediaId", media.getMediaId())
                .executeUpdate();
        em.remove(media);
        return revoked;
    }

    /** Invite sessions whose time is up, oldest first, at most {@code max}. */
    public List<InviteSessionEntity> expiredSessions(long now, int max) {
        return em.createNamedQuery("mi.session.expired", InviteSessionEntity.class)
                .setParameter("now", now).setMaxResults(max).getResultList();
    }

    /** Invite sessions created for one media entry (ended when it is deleted, M4). */
    public List<InviteSessionEntity> sessionsForMedia(String realmId, String clientId,
            String mediaId) {
        return em.createNamedQuery("mi.session.byMedia", InviteSessionEntity.class)
                .setParameter("realmId", realmId).setParameter("clientId", clientId).setParameter("mediaId", mediaId)
                .getResultList();
    }

    public Optional<InviteSessionEntity> findSession(String userSessionId) {
        return Optional.ofNullable(em.find(InviteSessionEntity.class, userSessionId));
    }

    /**
     * S11: locks the invite (too many wrong codes); a conditional UPDATE, so parallel lockers lock it once.
     * True for the one that locked it.
     */
    public boolean lock(String inviteId, long now) {
        return em.createNamedQuery("mi.invite.lock").setParameter("id", inviteId).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Invite sessions created by one invite (ended when it is revoked, S8). */
    public List<InviteSessionEntity> sessionsForInvite(String inviteId) {
        return em.createNamedQuery("mi.session.byInvite", InviteSessionEntity.class)
                .setParameter("inviteId", inviteId).getResultList();
    }

    /**
     * Which of these invites are not revoked (a deleted media entry revokes its invites): one indexed read that
     * every token request of a session holding grants makes, so a revocation reaches the next token at once on
     * every node (S8).
     */
    public Set<String> notRevoked(Collection<String> inviteIds) {
        if (inviteIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createNamedQuery("mi.invite.notRevoked", String.class)
                .setParameter("ids", inviteIds).getResultList());
    }

    public void remove(Object entity) {
        em.remove(entity);
    }

    /** R14: the invites of an entry whose links follow its schedule (revoked ones aside). */
    public List<InviteEntity> eventBoundInvites(String realmId, String clientId, String mediaId) {
        return em.createNamedQuery("mi.invite.eventBoundForMedia", InviteEntity.class)
                .setParameter("realmId", realmId).setParameter("clientId", clientId).setParameter("mediaId", mediaId)
                .getResultList();
    }

    /**
     * R13: invites of the realm, still redeemable, not reminded yet, issued before their live entry's start,
     * whose start lies after {@code now} and at or before {@code horizon}; at most {@code max}.
     */
    public List<InviteEntity> remindersDue(String realmId, long now, long horizon, int max) {
        return em.createNamedQuery("mi.invite.reminderDue", InviteEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).setParameter("horizon", horizon)
                .setMaxResults(max).getResultList();
    }

    /** R13: claims the reminder of an invite; true for exactly one caller (conditional UPDATE). */
    public boolean markReminded(String inviteId, long now) {
        return em.createNamedQuery("mi.invite.markReminded").setParameter("id", inviteId).setParameter("now", now)
                .executeUpdate() == 1;
    }

    public Optional<InviteEntity> findInvite(String inviteId) {
        return Optional.ofNullable(em.find(InviteEntity.class, inviteId));
    }

    public Optional<InviteEntity> findPending(String realmId, String clientId, String mediaId, String email,
            String role, long now) {
        return em.createNamedQuery("mi.invite.pendingFor", InviteEntity.class)
                .setParameter("clientId", clientId)
                .setParameter("mediaId", mediaId)
                .setParameter("email", email)
                .setParameter("role", role)
                .getResultList()
                .stream()
                // the invites of one person to one entry in one role: few, and the cleanup removes ended ones
                .filter(i -> i.getRealmId().equals(realmId) && i.getRevokedAt() == null && i.getUseCount() == 0
                        && i.getExpiresAt() > now)
                .findFirst();
    }

    /**
     * O4 (issue 14 item 6): takes the invite row's write lock without waiting ({@code FOR UPDATE SKIP LOCKED});
     * false when another transaction holds it right now (another redemption of the same link is being counted).
     * A redemption takes it before {@link #redeemAtomically}, so no request ever waits on the row lock of a hot
     * link while holding a database connection: it is answered at once (busy) and may try again. Holding the lock,
     * the conditional UPDATE that follows never waits either; it still decides who gets the last use.
     */
    public boolean lockWithoutWaiting(String inviteId) {
        // native, selecting only the id: the invite this request already holds stays as it is (Hibernate would refuse
        // a locked entity whose row changed since it was read); the dialect writes the skip-locked clause
        return !em.createNativeQuery("select ID from MI_INVITE where ID = ?1" + DatabaseDialect.of(em).skipLockedClause())
                .setParameter(1, inviteId)
                .getResultList().isEmpty();
    }

    /** JPA's lock timeout hint; Hibernate reads -2 as SKIP LOCKED (rows locked by others are left out). */
    static final String LOCK_TIMEOUT_HINT = "jakarta.persistence.lock.timeout";
    static final int SKIP_LOCKED = -2;

    /** The unexpired receipt with this key, locked for this transaction, or empty (none, expired, or being claimed). */
    public Optional<RedeemRetryEntity> claimRetryReceipt(String keyHash, long now) {
        return em.createQuery("select r from RedeemRetryEntity r where r.keyHash = :key and r.expiresAt > :now",
                        RedeemRetryEntity.class)
                .setParameter("key", keyHash)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(LOCK_TIMEOUT_HINT, SKIP_LOCKED)
                .getResultStream().findFirst();
    }

    /** Removes receipts whose window has passed, at most {@code max}; returns how many. */
    public int deleteExpiredRetryReceipts(long now, int max) {
        List<String> keys = em.createQuery("select r.keyHash from RedeemRetryEntity r where r.expiresAt <= :now",
                String.class).setParameter("now", now).setMaxResults(max).getResultList();
        if (keys.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from RedeemRetryEntity r where r.keyHash in :keys")
                .setParameter("keys", keys).executeUpdate();
    }

    /**
     * Moves the invite's device binding from the device of a lost answer to a new one (a retry of that redemption,
     * proven by its receipt); conditional, so only a binding still equal to {@code from} moves.
     */
    public boolean rebindDevice(String inviteId, String from, String to) {
        return em.createQuery("update InviteEntity i set i.deviceHash = :to, i.version = i.version + 1"
                        + " where i.id = :id and i.deviceHash = :from")
                .setParameter("to", to).setParameter("id", inviteId).setParameter("from", from)
                .executeUpdate() == 1;
    }

    /**
     * R15: moves the invite's device binding from {@code from} to {@code to} and counts the move, in one conditional
     * UPDATE: only while fewer than {@code maxMoves} moves were made and the binding is still {@code from}, so parallel
     * moves from several browsers move it once. The old device's use goes with the binding ({@code USE_COUNT - 1}):
     * its invite sessions end with the move and the new browser's redemption, in the same transaction, counts it
     * again, so a move spends no use and a single-use link spent on the old device can move too.
     *
     * @return true when this move happened
     */
    public boolean moveDevice(String inviteId, String from, String to, int maxMoves, long now) {
        return em.createQuery("update InviteEntity i set i.deviceHash = :to, i.deviceMoves = i.deviceMoves + 1,"
                        + " i.useCount = case when i.useCount > 0 then i.useCount - 1 else 0 end,"
                        + " i.deviceBoundAt = :now, i.version = i.version + 1"
                        + " where i.id = :id and i.deviceMoves < :max and i.deviceHash = :from")
                .setParameter("to", to).setParameter("now", now).setParameter("id", inviteId)
                .setParameter("max", maxMoves).setParameter("from", from)
                .executeUpdate() == 1;
    }

    /**
     * Counts one use and binds the device, in one conditional UPDATE: it succeeds for exactly one of any
     * number of concurrent redemptions of the last use, also across cluster nodes sharing the database (S2).
     *
     * @param deviceHash the redeeming browser's device hash, or null where device binding is off
     * @return true when this redemption got the use
     */
    public boolean redeemAtomically(String inviteId, String deviceHash, long now) {
        var query = em.createNamedQuery(deviceHash == null ? "mi.invite.redeem.unbound" : "mi.invite.redeem.bound")
                .setParameter("id", inviteId)
                .setParameter("now", now);
        if (deviceHash != null) {
            query.setParameter("device", deviceHash);
        }
        return query.executeUpdate() == 1;
    }

    /**
     * S9: raises the invite's link generation (one conditional UPDATE, so parallel re-issues each get their own
     * generation) and returns the new one; links of older generations stop working.
     */
    public int nextLinkGeneration(InviteEntity invite) {
        em.createNamedQuery("mi.invite.nextLinkGeneration").setParameter("id", invite.getId()).executeUpdate();
        em.refresh(invite);
        return invite.getLinkGeneration();
    }

    /**
     * S10: the calling app's earlier invites whose e-mail starts with {@code prefix} (lower case), newest first.
     * Reads only the app's own rows through the index (realm, client, e-mail).
     */
    public List<InviteEntity> appInviteesByEmailPrefix(String realmId, String clientId, String prefix, int max) {
        return em.createNamedQuery("mi.invite.byAppEmailPrefix", InviteEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("clientId", clientId)
                .setParameter("prefix", likePrefix(prefix))
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * S10: ids of the users who collaborate on any media entry of the calling app and whose e-mail starts with
     * {@code prefix} (lower case; Keycloak stores e-mails in lower case). Walks the app's entries (index on realm,
     * client), their collaborators (index on the entry) and each collaborator's user by primary key; never the
     * realm's user table as a whole.
     */
    public List<String> appCollaboratorsByEmailPrefix(String realmId, String clientId, String prefix, int max) {
        return em.createQuery("select distinct u.id from MediaCollaboratorEntity c join c.media m, UserEntity u"
                        + " where m.realmId = :realmId and m.clientId = :clientId and u.id = c.userId"
                        + " and u.realmId = :realmId and u.email like :prefix escape '!'", String.class)
                .setParameter("realmId", realmId)
                .setParameter("clientId", clientId)
                .setParameter("prefix", likePrefix(prefix))
                .setMaxResults(max)
                .getResultList();
    }

    /** A LIKE pattern matching values that start with {@code prefix} literally ('!' escapes the wildcards). */
    static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** One page of a media entry's invites, newest first, optionally of one status only (I7). */
    public List<InviteEntity> listInvites(String realmId, String clientId, String mediaId, InviteStatus status,
            int first, int max, long now) {
        String name = status == null ? "mi.invite.byMedia" : "mi.invite.byMedia." + status.wire();
        TypedQuery<InviteEntity> query = em.createNamedQuery(name, InviteEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("clientId", clientId)
                .setParameter("mediaId", mediaId);
        if (status != null && status != InviteStatus.REVOKED && status != InviteStatus.USED_UP
                && status != InviteStatus.LOCKED) {
            query.setParameter("now", now);
        }
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }
}
