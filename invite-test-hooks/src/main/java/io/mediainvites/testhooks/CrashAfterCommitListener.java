package io.mediainvites.testhooks;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** See {@link CrashAfterCommitListenerFactory}. */
final class CrashAfterCommitListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(CrashAfterCommitListener.class);

    private final KeycloakSession session;
    private final boolean armed;
    private final String emailPrefix;

    CrashAfterCommitListener(KeycloakSession session, boolean armed, String emailPrefix) {
        this.session = session;
        this.armed = armed;
        this.emailPrefix = emailPrefix;
    }

    @Override
    public void onEvent(Event event) {
        if (!armed || event.getType() != EventType.EXECUTE_ACTION_TOKEN || event.getError() != null
                || event.getUserId() == null || event.getDetails() == null || !event.getDetails().containsKey("role")) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user == null || user.getEmail() == null || !user.getEmail().startsWith(emailPrefix)) {
            return;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                // the redemption's transaction has committed (the use is counted); its answer is not written yet
                LOG.warn("test hook: halting this node after a committed redemption, before its answer");
                Runtime.getRuntime().halt(137);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
