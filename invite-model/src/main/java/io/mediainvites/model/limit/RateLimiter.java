package io.mediainvites.model.limit;

import io.mediainvites.core.limit.RateDecision;
import io.mediainvites.core.limit.RateRule;
import io.mediainvites.model.jpa.RateCounterEntity;
import io.mediainvites.model.store.WriteConflicts;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The one counter behind every limit of the extension (S9 link re-issue, S10 autocomplete, S11 one-time codes):
 * a row of {@code MI_RATE_COUNTER} per rule, realm and subject, counted in Keycloak's database so the limit holds
 * across requests, browsers and cluster nodes.
 *
 * <p>{@link #hit} counts in a transaction of its own, committed before it returns: a request that is refused or
 * rolled back afterwards still counts (a wrong code stays counted), and the request's own transaction never
 * holds the counter's row lock. Counting is one conditional {@code UPDATE} ({@code hits = hits + 1 where hits <
 * max} in the current window), so of any number of parallel hits exactly {@code max} are allowed; a window that
 * has passed is restarted by another conditional {@code UPDATE}. Only these UPDATEs ever allow a hit: the first
 * hit of a subject creates the row at zero in a transaction of its own (a parallel creation that loses on the
 * primary key is ignored) and then counts like any other.
 *
 * <p>Usage: {@code RateDecision d = RateLimiter.hit(session, realm.getId(), RateRule.LINK_REISSUE, invite.getId());
 * if (!d.allowed()) ... 429 with Retry-After d.retryAfterSeconds()}. {@link #hits} reads without counting,
 * {@link #reset} forgets a subject's counter (e.g. a re-issued link starts with fresh code limits).
 */
public final class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final int ATTEMPTS = 10;

    private RateLimiter() {
    }

    /** Counts one event now; see the class comment. */
    public static RateDecision hit(KeycloakSession session, String realmId, RateRule rule, String subject) {
        return hit(session.getKeycloakSessionFactory(), realmId, rule, subject, Instant.now());
    }

    /** Counts one event at {@code now} in a transaction of its own. */
    public static RateDecision hit(KeycloakSessionFactory factory, String realmId, RateRule rule, String subject,
            Instant now) {
        String id = key(realmId, rule, subject);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            RateDecision decision = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    s -> count(entityManager(s), id, rule, now));
            if (decision != null) {
                return decision;
            }
            // no counter yet: create it (at zero) in a transaction of its own, then count with the UPDATE above
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> create(entityManager(s), id, realmId, rule, now));
            } catch (RuntimeException e) {
                if (!WriteConflicts.isConflict(e)) {
                    throw e;
                }
                // a parallel first hit created it: count again
                LOG.debugf("rate counter %s: created by a parallel request", rule.name());
            }
        }
        throw new IllegalStateException("rate counter " + rule.name() + " could not be created");
    }

    /** Hits counted in the current window (0 when none), without counting one; in the caller's transaction. */
    public static int hits(KeycloakSession session, String realmId, RateRule rule, String subject) {
        return entityManager(session).createNamedQuery("mi.rate.hits", Integer.class)
                .setParameter("id", key(realmId, rule, subject))
                .setParameter("windowStart", rule.windowStart(Instant.now()))
                .getResultStream().findFirst().orElse(0);
    }

    /** Whether the subject has used up the rule in the current window. */
    public static boolean exhausted(KeycloakSession session, String realmId, RateRule rule, String subject) {
        return hits(session, realmId, rule, subject) >= rule.max();
    }

    /** Forgets the subject's counter of this rule; in the caller's transaction. */
    public static void reset(KeycloakSession session, String realmId, RateRule rule, String subject) {
        entityManager(session).createNamedQuery("mi.rate.reset")
                .setParameter("id", key(realmId, rule, subject)).executeUpdate();
    }

    /** Deletes counters whose window has ended (limits in total are kept); returns how many. */
    public static int purgeExpired(KeycloakSession session, Instant now) {
        return entityManager(session).createNamedQuery("mi.rate.purgeExpired")
                .setParameter("now", now.toEpochMilli()).executeUpdate();
    }

    /**
     * One event against the counter, with conditional UPDATEs only (they are what makes parallel counting exact);
     * null when the counter does not exist yet.
     */
    private static RateDecision count(EntityManager em, String id, RateRule rule, Instant now) {
        long windowStart = rule.windowStart(now);
        int counted = em.createNamedQuery("mi.rate.increment")
                .setParameter("id", id).setParameter("windowStart", windowStart).setParameter("max", rule.max())
                .executeUpdate();
        if (counted == 1) {
            return rule.decide(hitsIn(em, id, windowStart) - 1, now);
        }
        if (!rule.total()) {
            int rolled = em.createNamedQuery("mi.rate.roll")
                    .setParameter("id", id).setParameter("windowStart", windowStart)
                    .setParameter("expiresAt", rule.windowEnd(windowStart))
                    .executeUpdate();
            if (rolled == 1) {
                return rule.decide(0, now);
            }
        }
        Integer existing = em.createNamedQuery("mi.rate.hits", Integer.class)
                .setParameter("id", id).setParameter("windowStart", windowStart)
                .getResultStream().findFirst().orElse(null);
        if (existing == null || existing < rule.max()) {
            // no counter yet, or one that became visible only after our UPDATE ran (a parallel first hit committed
            // in between): never allow without counting, count again
            return null;
        }
        return rule.decide(existing, now); // at the limit in this window
    }

    private static void create(EntityManager em, String id, String realmId, RateRule rule, Instant now) {
        if (em.find(RateCounterEntity.class, id) != null) {
            return;
        }
        long windowStart = rule.windowStart(now);
        RateCounterEntity row = new RateCounterEntity();
        row.setId(id);
        row.setRealmId(realmId);
        row.setRuleName(rule.name());
        row.setWindowStart(windowStart);
        row.setHits(0);
        row.setExpiresAt(rule.windowEnd(windowStart));
        em.persist(row);
        em.flush();
    }

    private static int hitsIn(EntityManager em, String id, long windowStart) {
        return em.createNamedQuery("mi.rate.hits", Integer.class)
                .setParameter("id", id).setParameter("windowStart", windowStart)
                .getResultStream().findFirst().orElse(1);
    }

    /** SHA-256 of rule, realm and subject, hex: fixed length, no subject in clear. */
    static String key(String realmId, RateRule rule, String subject) {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(subject, "subject");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((rule.name() + '\n' + realmId + '\n' + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
