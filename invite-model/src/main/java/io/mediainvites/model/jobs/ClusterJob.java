package io.mediainvites.model.jobs;

import org.keycloak.models.KeycloakSession;

/**
 * A scheduled job of the extension (session reaper, cleanup, reminders, webhook delivery). Scheduled only through
 * {@link ClusterJobs#schedule}, which runs it once per cluster per interval.
 */
public interface ClusterJob {

    /** Stable name, unique among our jobs (at most 64 characters): the key of its lease row. */
    String name();

    /**
     * One run, in a Keycloak session whose transaction commits when it returns. A job that works in bounded
     * batches may open transactions of its own ({@code KeycloakModelUtils.runJobInTransaction}).
     */
    void run(KeycloakSession session);
}
