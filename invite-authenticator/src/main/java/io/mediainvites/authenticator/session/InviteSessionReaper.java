package io.mediainvites.authenticator.session;

import io.mediainvites.model.jpa.InviteSessionEntity;
import io.mediainvites.model.store.InviteSessions;
import io.mediainvites.model.store.InviteStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Ends invite sessions whose invite-session length has passed (R7): after that, refresh is refused and
 * no token carries the grant. Runs on every node; ending a session twice is harmless.
 */
public class InviteSessionReaper implements ScheduledTask {

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
    public String getTaskName() {
        return TASK_NAME;
    }
}
