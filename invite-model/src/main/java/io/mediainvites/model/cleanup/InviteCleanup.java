package io.mediainvites.model.cleanup;

import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.core.policy.InvitePolicy;
import io.mediainvites.model.account.InviteeAccounts;
import io.mediainvites.model.activity.InviteActivity;
import io.mediainvites.model.jobs.ClusterJob;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.InviteSessionEntity;
import io.mediainvites.model.limit.RateLimiter;
import io.mediainvites.model.policy.RealmInvitePolicy;
import io.mediainvites.model.store.InviteSessions;
import io.mediainvites.model.store.InviteStore;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * O3 (issue 14 item 3): removes, per realm, the invites that ended (expired, used up or revoked) longer ago than
 * the realm's {@code retentionDays}, with their invite-session rows (ending a session still alive), the retry receipts
 * of lost answers, and the guest accounts those invites made where the guest never redeemed and has no other invite
 * (true guests only: guest mark, no credentials, no identity-provider links, not federated, no sessions). Also purges
 * ended rate counters. Every batch is its own transaction of at most {@link #MAX_ROWS_PER_TRANSACTION} rows of ours;
 * scheduled through {@code ClusterJobs}, so once per cluster per interval. Each removed guest is a
 * {@code DELETE_ACCOUNT} event (reason {@code retention}) with the counts of that run.
 */
public class InviteCleanup implements ClusterJob {

    public static final String NAME = "media-invites-cleanup";
    /** Rows of ours deleted in one transaction at most (invites + invite sessions + receipts). */
    public static final int MAX_ROWS_PER_TRANSACTION = 1000;
    static final int INVITE_BATCH = 400;
    static final int SESSION_BATCH = 200;
    static final int GUEST_BATCH = 50;

    private static final Logger LOG = Logger.getLogger(InviteCleanup.class);

    private final KeycloakSessionFactory factory;

    public InviteCleanup(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        Instant now = Instant.now();
        List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        for (String realmId : realmIds) {
            try {
                cleanRealm(realmId, now);
            } catch (RuntimeException e) {
                LOG.warnf("cleanup of realm %s stopped: %s", realmId, e.toString());
            }
        }
        long millis = now.toEpochMilli();
        int receipts;
        do {
            receipts = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    s -> InviteStore.of(s).deleteExpiredRetryReceipts(millis, MAX_ROWS_PER_TRANSACTION));
        } while (receipts == MAX_ROWS_PER_TRANSACTION);
        KeycloakModelUtils.runJobInTransaction(factory, s -> RateLimiter.purgeExpired(s, now));
    }

    /** What one run removed in a realm. */
    record Removed(int invites, int sessions, int guests) {
    }

    Removed cleanRealm(String realmId, Instant now) {
        Integer days = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> retentionDays(s, realmId));
        if (days == null) {
            return new Removed(0, 0, 0);
        }
        long cutoff = now.minus(Duration.ofDays(days)).toEpochMilli();
        int invites = 0;
        int sessions = 0;
        int activity = 0;
        Set<String> usedGuests = new HashSet<>();
        Set<String> candidates = new HashSet<>();
        while (true) {
            Batch batch = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> deleteBatch(s, realmId, cutoff));
            invites += batch.invites;
            sessions += batch.sessions;
            activity += batch.activity;
            candidates.addAll(batch.neverUsedUsers);
            usedGuests.addAll(batch.usedUsers);
            if (batch.invites == 0 && batch.sessions == 0 && batch.activity == 0) {
                break;
            }
        }
        candidates.removeAll(usedGuests);
        int guests = 0;
        List<String> pending = new ArrayList<>(candidates);
        for (int i = 0; i < pending.size(); i += GUEST_BATCH) {
            List<String> slice = pending.subList(i, Math.min(pending.size(), i + GUEST_BATCH));
            int removedInvites = invites;
            guests += KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    s -> removeGuests(s, realmId, slice, removedInvites));
        }
        if (invites + sessions + guests > 0) {
            LOG.infof("cleanup of realm %s: %d ended invites, %d invite sessions, %d guest accounts removed",
                    realmId, invites, sessions, guests);
        }
        return new Removed(invites, sessions, guests);
    }

    private static Integer retentionDays(KeycloakSession s, String realmId) {
        RealmModel realm = s.realms().getRealm(realmId);
        if (realm == null) {
            return null;
        }
        try {
            return RealmInvitePolicy.of(realm).retentionDays();
        } catch (InviteRuleException e) {
            return null; // an invalid stored policy removes nothing until an admin corrects it
        }
    }

    private record Batch(int invites, int sessions, int activity, Set<String> neverUsedUsers, Set<String> usedUsers) {
    }

    /**
     * One transaction: the session rows of ended invites first (at most {@link #SESSION_BATCH}, ending those still
     * alive); when none are left for this batch of invites, the invites themselves (at most {@link #INVITE_BATCH})
     * with their receipts. Returns what it removed and whose invites they were.
     */
    private static Batch deleteBatch(KeycloakSession s, String realmId, long cutoff) {
        EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
        InviteStore store = InviteStore.of(s);
        RealmModel realm = s.realms().getRealm(realmId);
        if (realm != null) {
            s.getContext().setRealm(realm);
        }
        List<String> ids = em.createNamedQuery("mi.invite.endedBefore", String.class)
                .setParameter("realmId", realmId).setParameter("cutoff", cutoff)
                .setMaxResults(INVITE_BATCH).getResultList();
        if (ids.isEmpty()) {
            return new Batch(0, 0, 0, Set.of(), Set.of());
        }
        List<InviteSessionEntity> tracked = em.createQuery(
                        "select s from InviteSessionEntity s where s.inviteId in :ids", InviteSessionEntity.class)
                .setParameter("ids", ids).setMaxResults(SESSION_BATCH).getResultList();
        if (!tracked.isEmpty()) {
            for (InviteSessionEntity row : tracked) {
                InviteSessions.end(s, store, row, false);
            }
            return new Batch(0, tracked.size(), 0, Set.of(), Set.of());
        }
        // O10: the invites' activity goes with them, in batches that keep the transaction's rows bounded
        int activity = InviteActivity.of(s).deleteSomeFor(ids, MAX_ROWS_PER_TRANSACTION - ids.size());
        if (activity > 0) {
            return new Batch(0, 0, activity, Set.of(), Set.of());
        }
        Set<String> neverUsed = new HashSet<>();
        Set<String> used = new HashSet<>();
        for (InviteEntity invite : em.createQuery("select i from InviteEntity i where i.id in :ids", InviteEntity.class)
                .setParameter("ids", ids).getResultList()) {
            (invite.getUseCount() == 0 ? neverUsed : used).add(invite.getUserId());
        }
        em.createQuery("delete from RedeemRetryEntity r where r.inviteId in :ids").setParameter("ids", ids).executeUpdate();
        int deleted = em.createQuery("delete from InviteEntity i where i.id in :ids").setParameter("ids", ids)
                .executeUpdate();
        return new Batch(deleted, 0, 0, neverUsed, used);
    }

    /** Removes those of the accounts that are true guests with no invite left and no session; returns how many. */
    private static int removeGuests(KeycloakSession s, String realmId, List<String> userIds, int invitesRemoved) {
        RealmModel realm = s.realms().getRealm(realmId);
        if (realm == null) {
            return 0;
        }
        s.getContext().setRealm(realm);
        EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
        Set<String> stillInvited = new HashSet<>(em.createQuery(
                        "select distinct i.userId from InviteEntity i where i.userId in :ids", String.class)
                .setParameter("ids", userIds).getResultList());
        int removed = 0;
        for (String userId : userIds) {
            if (stillInvited.contains(userId)) {
                continue;
            }
            UserModel user = s.users().getUserById(realm, userId);
            if (user == null || !InviteeAccounts.of(s, realm, user).isGuest()
                    || s.sessions().getUserSessionsStream(realm, user).findAny().isPresent()
                    || s.sessions().getOfflineUserSessionsStream(realm, user).findAny().isPresent()) {
                continue;
            }
            if (s.users().removeUser(realm, user)) {
                removed++;
                new EventBuilder(realm, s).event(EventType.DELETE_ACCOUNT).user(userId)
                        .detail("reason", "retention").detail("removed_invites", Integer.toString(invitesRemoved))
                        .success();
            }
        }
        return removed;
    }
}
