package io.mediainvites.rest.auth;

import io.mediainvites.rest.api.ApiException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/** Verifies the bearer token of a request: missing, invalid or expired means 401. */
public final class CallerResolver {

    private CallerResolver() {
    }

    public static Caller resolve(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        if (result == null || result.getUser() == null || result.getClient() == null || !result.getUser().isEnabled()) {
            throw ApiException.notAuthenticated();
        }
        String link = result.getUser().getServiceAccountClientLink();
        boolean serviceAccount = link != null && link.equals(result.getClient().getId());
        return new Caller(result.getUser(), result.getClient(), result.getToken(), serviceAccount);
    }
}
