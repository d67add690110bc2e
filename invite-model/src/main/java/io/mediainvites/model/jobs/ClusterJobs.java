package io.mediainvites.model.jobs;

import io.mediainvites.model.jpa.JobLeaseEntity;
import io.mediainvites.model.store.WriteConflicts;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * The one home of our scheduled jobs: every node's timer fires each job every interval, and a lease row in
 * Keycloak's database ({@code MI_JOB_LEASE}) decides which node runs it. The claim is one conditional
 * {@code UPDATE ... where NEXT_RUN_AT <= now} committed in a transaction of its own before the job starts, so of
 * any number of nodes exactly one runs the job per interval (O4), restarts included, and the lease counts the runs
 * (what the cluster test reads). A job that fails is logged and runs again at its next interval.
 *
 * <p>Usage, from a provider factory's {@code postInit}: {@code ClusterJobs.schedule(factory, new MyJob(),
 * Duration.ofSeconds(60));}
 */
public final class ClusterJobs {

    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private ClusterJobs() {
    }

    public static void schedule(KeycloakSessionFactory factory, ClusterJob job, Duration interval) {
        long millis = interval.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("interval of " + job.name() + " must be positive");
        }
        ScheduledTask task = new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                // the timer's own session only claims; the job runs in a fresh one after the claim committed
                if (claim(factory, job.name(), millis)) {
                    runClaimed(factory, job);
                }
            }

            @Override
            public String getTaskName() {
                return job.name();
            }
        };
        KeycloakModelUtils.runJobInTransaction(factory,
                session -> session.getProvider(TimerProvider.class).scheduleTask(task, millis, job.name()));
    }

    /** Claims the next run of {@code name} for this node; true when this node is to run it now. */
    static boolean claim(KeycloakSessionFactory factory, String name, long intervalMillis) {
        long now = Time.currentTimeMillis();
        try {
            Boolean claimed = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    s -> em(s).createNamedQuery("mi.job.claim")
                            .setParameter("next", now + intervalMillis).setParameter("now", now)
                            .setParameter("node", NODE).setParameter("name", name)
                            .executeUpdate() == 1);
            if (claimed) {
                return true;
            }
            // first run ever of this job: the node whose insert wins runs it
            return Boolean.TRUE.equals(KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    s -> createLease(em(s), name, now, intervalMillis)));
        } catch (RuntimeException e) {
            if (WriteConflicts.isConflict(e)) {
                return false; // another node claimed or created it at the same moment
            }
            LOG.warnf("job %s: lease not claimed (%s)", name, e.toString());
            return false;
        }
    }

    private static boolean createLease(EntityManager em, String name, long now, long intervalMillis) {
        if (em.find(JobLeaseEntity.class, name) != null) {
            return false;
        }
        JobLeaseEntity lease = new JobLeaseEntity();
        lease.setName(name);
        lease.setNextRunAt(now + intervalMillis);
        lease.setRunCount(1);
        lease.setLastRunAt(now);
        lease.setLastNode(NODE);
        em.persist(lease);
        em.flush();
        return true;
    }

    private static void runClaimed(KeycloakSessionFactory factory, ClusterJob job) {
        long started = System.nanoTime();
        try {
            KeycloakModelUtils.runJobInTransaction(factory, job::run);
            LOG.debugf("job %s ran in %d ms", job.name(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf(e, "job %s failed; it runs again at its next interval", job.name());
        }
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
