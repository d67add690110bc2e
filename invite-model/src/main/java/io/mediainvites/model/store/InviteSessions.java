package io.mediainvites.model.store;

import io.mediainvites.model.jpa.InviteSessionEntity;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Ends user sessions created by invites: when the invite-session length has passed (R7), the invite was
 * revoked or its media entry deleted (M4, S8). The one place that ends them.
 */
public final class InviteSessions {

    private InviteSessions() {
    }

    /**
     * Ends the tracked user session if it still exists and forgets it; true when a session was ended.
     *
     * @param inRequest true when called while serving an HTTP request: the session is then logged out as
     *     Keycloak's own logout does, calling the back-channel logout URL of each of its clients that has one;
     *     background tasks have no request to build logout tokens from and remove the session
     */
    public static boolean end(KeycloakSession session, InviteStore store, InviteSessionEntity tracked, boolean inRequest) {
        boolean ended = false;
        RealmModel realm = session.realms().getRealm(tracked.getRealmId());
        if (realm != null) {
            if (!inRequest) {
                // background tasks run without a realm in context; user lookups need one
                session.getContext().setRealm(realm);
            }
            UserSessionModel userSession = session.sessions().getUserSession(realm, tracked.getUserSessionId());
            if (userSession != null) {
                logOut(session, realm, userSession, inRequest);
                ended = true;
            }
        }
        store.remove(tracked);
        return ended;
    }

    /** S8: the sessions an invite created end when it is revoked. Returns how many were ended. */
    public static int endCreatedBy(KeycloakSession session, InviteStore store, String inviteId) {
        int ended = 0;
        for (InviteSessionEntity tracked : store.sessionsForInvite(inviteId)) {
            ended += end(session, store, tracked, true) ? 1 : 0;
        }
        return ended;
    }

    /** M4: the sessions created by invites to a media entry end when it is deleted. */
    public static int endForMedia(KeycloakSession session, InviteStore store, String realmId, String clientId,
            String mediaId) {
        int ended = 0;
        for (InviteSessionEntity tracked : store.sessionsForMedia(realmId, clientId, mediaId)) {
            ended += end(session, store, tracked, true) ? 1 : 0;
        }
        return ended;
    }

    private static void logOut(KeycloakSession session, RealmModel realm, UserSessionModel userSession, boolean inRequest) {
        if (inRequest) {
            KeycloakContext context = session.getContext();
            AuthenticationManager.backchannelLogout(session, realm, userSession, context.getUri(),
                    context.getConnection(), context.getRequestHeaders(), true);
        } else {
            session.sessions().removeUserSession(realm, userSession);
        }
    }
}
