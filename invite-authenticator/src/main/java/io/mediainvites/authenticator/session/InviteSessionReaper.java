package io.mediainvites.authenticator.session;

import io.mediainvites.model.jobs.ClusterJob;
import io.mediainvites.model.jpa.InviteSessionEntity;
import io.mediainvites.model.store.InviteSessions;
import io.mediainvites.model.store.InviteStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * Ends invite sessions whose invite-session length has passed (R7): after that, refresh is refused and
 * no token carries the grant. Scheduled through {@code ClusterJobs}: once per cluster per interval.
 */
public class InviteSessionReaper implements ClusterJob {

    public static final String TASK_NAME = "media-invites-session-reaper";
    private static final Logger LOG = Logger.getLogger(InviteSessionReaper.class);
    private static final int BATCH = 500;

    @Override
    public void run(KeycloakSession session) {
        InviteStore store = InviteStore.of(session);
        int ended = 0;
        for (InviteSessionEntity row : store.expiredSessions(System.currentTimeMillis(), BATCH)) {
            if (InviteSessions.end(session, store, row, false)) {
                ended++;
            }
        }
        if (ended > 0) {
            LOG.debugf("ended %d expired invite sessions", ended);
        }
    }

    @Override
    public String name() {
        return TASK_NAME;
    }
}
