package io.mediainvites.model.store;

import io.mediainvites.model.jpa.InviteSessionEntity;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/** Ends user sessions created by invites (session length passed, media deleted). */
public final class InviteSessions {

    private InviteSessions() {
    }

    /** Ends the tracked user session if it still exists and forgets it; true when a session was ended. */
    public static boolean end(KeycloakSession session, InviteStore store, InviteSessionEntity tracked) {
        boolean ended = false;
        RealmModel realm = session.realms().getRealm(tracked.getRealmId());
        if (realm != null) {
            // background tasks run without a realm in context; user lookups need one
            session.getContext().setRealm(realm);
            UserSessionModel userSession = session.sessions().getUserSession(realm, tracked.getUserSessionId());
            if (userSession != null) {
                session.sessions().removeUserSession(realm, userSession);
                ended = true;
            }
        }
        store.remove(tracked);
        return ended;
    }
}
