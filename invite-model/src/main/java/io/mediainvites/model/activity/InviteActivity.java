package io.mediainvites.model.activity;

import io.mediainvites.core.activity.ActivityKind;
import io.mediainvites.core.activity.ActivityLimits;
import io.mediainvites.core.webhook.WebhookEventType;
import io.mediainvites.model.jpa.InviteActivityEntity;
import io.mediainvites.model.jpa.DatabaseDialect;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.InviteStatsEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.model.store.WriteConflicts;
import io.mediainvites.model.webhook.WebhookOutbox;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The one home of what happens to invites (O10, O11): every feature reports here, in the transaction of the change
 * it reports, and this class writes the invite's activity entry and, for the kinds a media app is told about, the
 * webhook event into the outbox ({@link WebhookOutbox}) — so an event exists exactly when its change committed.
 *
 * <p>Opening a link is counted on the invite's summary row ({@code MI_INVITE_STATS}: one conditional UPDATE per
 * open, never the invite row's lock). Entries are numbered per invite and only the newest
 * {@link ActivityLimits#ENTRIES_PER_INVITE} are kept. The summary row is created at the invite's first activity,
 * in a transaction of its own (a parallel creation that loses on the primary key is ignored), so issuance writes
 * nothing here.
 */
public final class InviteActivity {

    /** Detail of a {@code redeemed} entry: the browser had no device cookie of ours before. */
    public static final String NEW_DEVICE = "new_device";
    /** Detail of a {@code redeemed} entry: the browser had redeemed an invite of this realm before. */
    public static final String KNOWN_DEVICE = "known_device";
    /** The same refusal of an invite is reported to the app's webhook at most once per this interval. */
    public static final java.time.Duration REFUSAL_REPORT_INTERVAL = java.time.Duration.ofMinutes(1);

    private final KeycloakSession session;
    private final EntityManager em;

    private InviteActivity(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public static InviteActivity of(KeycloakSession session) {
        return new InviteActivity(session);
    }

    /** R1-safe: the link was opened (a page shown); counts it without touching the invite. */
    public void opened(InviteEntity invite, Instant now) {
        long at = now.toEpochMilli();
        if (DatabaseDialect.of(em).upserts()) {
            // PostgreSQL: one statement in this transaction; ON CONFLICT settles a parallel first open
            em.createNativeQuery("insert into MI_INVITE_STATS (INVITE_ID, REALM_ID, OPENED_COUNT, FIRST_OPENED_AT,"
                            + " LAST_OPENED_AT, ACTIVITY_SEQ) values (?1, ?2, 1, ?3, ?3, 0) on conflict (INVITE_ID) do"
                            + " update set OPENED_COUNT = MI_INVITE_STATS.OPENED_COUNT + 1, LAST_OPENED_AT = ?3,"
                            + " FIRST_OPENED_AT = coalesce(MI_INVITE_STATS.FIRST_OPENED_AT, ?3)")
                    .setParameter(1, invite.getId()).setParameter(2, invite.getRealmId()).setParameter(3, at)
                    .executeUpdate();
            return;
        }
        withStats(invite, () -> em.createNamedQuery("mi.stats.open")
                .setParameter("now", at).setParameter("id", invite.getId()).executeUpdate(),
                // the first open creates the summary row already counted (issue 14 item 4: no second UPDATE)
                first -> {
                    first.setOpenedCount(1);
                    first.setFirstOpenedAt(at);
                    first.setLastOpenedAt(at);
                });
    }

    /**
     * Records that {@code kind} happened to the invite, with an optional reason code (a refusal's reason, a
     * revocation's) and a short detail (a role, a redacted mail error; never a link, token or code). Kinds a media
     * app is told about also go to its webhook outbox.
     */
    public void record(InviteEntity invite, ActivityKind kind, String reason, String detail, Instant now) {
        boolean report = kind != ActivityKind.REFUSED || !repeatsLastRefusal(invite, reason, now);
        if (kind.stored()) {
            entry(invite, kind, reason, detail, now);
        }
        if (!report) {
            return;
        }
        kind.webhook().ifPresent(type -> WebhookOutbox.of(session).enqueue(type, invite.getRealmId(),
                invite.getClientId(), invite.getMediaId(), invite.getId(), invite.getRole(), reason, now));
    }

    /**
     * M4: a media entry was deleted and its invites revoked (in this transaction; their activity shows it from the
     * invite rows): the app gets one {@code media.deleted} event.
     */
    public void mediaDeleted(MediaEntryEntity media, Instant now) {
        WebhookOutbox.of(session).enqueue(WebhookEventType.MEDIA_DELETED, media.getRealmId(), media.getClientId(),
                media.getMediaId(), null, null, "media_deleted", now);
    }

    /**
     * Whether the invite's last refusal had the same reason less than {@link #REFUSAL_REPORT_INTERVAL} ago: a link
     * holder who reloads a refused link must not flood the app's webhook (the activity still records each one).
     */
    private boolean repeatsLastRefusal(InviteEntity invite, String reason, Instant now) {
        // a projection, not the entity: the summary row is changed by bulk updates that a managed copy would miss
        return reason != null && em.createNamedQuery("mi.stats.lastRefusal", Object[].class)
                .setParameter("id", invite.getId()).getResultStream().findFirst()
                .filter(row -> reason.equals(row[0]) && row[1] != null
                        && (Long) row[1] > now.minus(REFUSAL_REPORT_INTERVAL).toEpochMilli())
                .isPresent();
    }

    /** Numbers and writes one entry, keeping the newest {@link ActivityLimits#ENTRIES_PER_INVITE}. */
    private void entry(InviteEntity invite, ActivityKind kind, String reason, String detail, Instant now) {
        long seq = nextSeq(invite, kind == ActivityKind.REFUSED ? ActivityLimits.reason(reason) : null, now);
        InviteActivityEntity entry = new InviteActivityEntity();
        entry.setId(UUID.randomUUID().toString());
        entry.setInviteId(invite.getId());
        entry.setRealmId(invite.getRealmId());
        entry.setSeq(seq);
        entry.setAt(now.toEpochMilli());
        entry.setKind(kind.wire());
        entry.setReason(ActivityLimits.reason(reason));
        entry.setDetail(ActivityLimits.detail(detail));
        em.persist(entry);
        long dropUpTo = ActivityLimits.dropUpTo(seq);
        if (dropUpTo > 0) {
            em.createNamedQuery("mi.activity.trim").setParameter("id", invite.getId()).setParameter("upTo", dropUpTo)
                    .executeUpdate();
        }
    }

    /**
     * The next entry number of the invite (and, for a refusal, its reason as the last refusal), on the summary row
     * that the first activity creates.
     */
    private long nextSeq(InviteEntity invite, String refusalReason, Instant now) {
        if (DatabaseDialect.of(em).upserts()) {
            // PostgreSQL: one statement (create or count, and read the number) instead of UPDATE, INSERT, SELECT
            var upsert = refusalReason == null
                    ? em.createNativeQuery("insert into MI_INVITE_STATS (INVITE_ID, REALM_ID, OPENED_COUNT, ACTIVITY_SEQ)"
                            + " values (?1, ?2, 0, 1) on conflict (INVITE_ID) do update"
                            + " set ACTIVITY_SEQ = MI_INVITE_STATS.ACTIVITY_SEQ + 1 returning ACTIVITY_SEQ")
                    : em.createNativeQuery("insert into MI_INVITE_STATS (INVITE_ID, REALM_ID, OPENED_COUNT, ACTIVITY_SEQ,"
                            + " LAST_REFUSAL, LAST_REFUSAL_AT) values (?1, ?2, 0, 1, ?3, ?4) on conflict (INVITE_ID) do"
                            + " update set ACTIVITY_SEQ = MI_INVITE_STATS.ACTIVITY_SEQ + 1, LAST_REFUSAL = ?3,"
                            + " LAST_REFUSAL_AT = ?4 returning ACTIVITY_SEQ")
                            .setParameter(3, refusalReason).setParameter(4, now.toEpochMilli());
            Object seq = upsert.setParameter(1, invite.getId()).setParameter(2, invite.getRealmId()).getSingleResult();
            return ((Number) seq).longValue();
        }
        withStats(invite, () -> {
            var update = em.createNamedQuery(refusalReason != null ? "mi.stats.refused" : "mi.stats.nextSeq")
                    .setParameter("id", invite.getId());
            if (refusalReason != null) {
                update.setParameter("reason", refusalReason).setParameter("now", now.toEpochMilli());
            }
            return update.executeUpdate();
        }, null);
        return em.createNamedQuery("mi.stats.seq", Long.class).setParameter("id", invite.getId()).getSingleResult();
    }

    /** The invite's activity, newest first, at most {@code max} entries. */
    public List<InviteActivityEntity> list(String inviteId, int max) {
        return em.createNamedQuery("mi.activity.byInvite", InviteActivityEntity.class).setParameter("id", inviteId)
                .setMaxResults(max).getResultList();
    }

    /** The summaries of these invites (one query for a page of a list); invites without activity are absent. */
    public Map<String, InviteStatsEntity> summaries(Collection<String> inviteIds) {
        Map<String, InviteStatsEntity> byId = new HashMap<>();
        if (!inviteIds.isEmpty()) {
            em.createNamedQuery("mi.stats.byIds", InviteStatsEntity.class).setParameter("ids", inviteIds)
                    .getResultList().forEach(s -> byId.put(s.getInviteId(), s));
        }
        return byId;
    }

    /**
     * Activity goes with its invite, in bounded batches (the cleanup): deletes at most {@code max} activity entries of
     * these invites and, once none are left, their summary rows; returns the rows deleted (0: nothing was left).
     */
    public int deleteSomeFor(Collection<String> inviteIds, int max) {
        if (inviteIds.isEmpty()) {
            return 0;
        }
        List<String> entries = em.createNamedQuery("mi.activity.idsByInvites", String.class)
                .setParameter("ids", inviteIds).setMaxResults(Math.max(1, max)).getResultList();
        if (!entries.isEmpty()) {
            return em.createNamedQuery("mi.activity.deleteByEntryIds").setParameter("ids", entries).executeUpdate();
        }
        return em.createNamedQuery("mi.stats.deleteByIds").setParameter("ids", inviteIds).executeUpdate();
    }

    /**
     * Runs a conditional UPDATE of the invite's summary row, creating the row first if it does not exist yet. With
     * {@code firstEffect}, a row this call creates is written with the update's effect already applied (one INSERT
     * instead of INSERT and a second UPDATE); a row that a parallel first activity created gets the UPDATE.
     */
    private void withStats(InviteEntity invite, java.util.function.IntSupplier update,
            java.util.function.Consumer<InviteStatsEntity> firstEffect) {
        if (update.getAsInt() == 1) {
            return;
        }
        boolean applied = false;
        try {
            // no look-up first: the UPDATE just found no row; a parallel creation loses on the primary key
            applied = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
                EntityManager own = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                InviteStatsEntity stats = new InviteStatsEntity();
                stats.setInviteId(invite.getId());
                stats.setRealmId(invite.getRealmId());
                if (firstEffect != null) {
                    firstEffect.accept(stats);
                }
                own.persist(stats);
                own.flush();
                return firstEffect != null;
            });
        } catch (RuntimeException e) {
            if (!WriteConflicts.isConflict(e)) {
                throw e;
            }
            // a parallel first activity created it
        }
        if (applied) {
            return;
        }
        if (update.getAsInt() != 1) {
            throw new IllegalStateException("activity summary of invite " + invite.getId() + " missing");
        }
    }
}
