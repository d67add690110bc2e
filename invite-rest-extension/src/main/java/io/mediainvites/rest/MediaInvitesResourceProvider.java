package io.mediainvites.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands Keycloak the root JAX-RS resource for one request. */
public class MediaInvitesResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public MediaInvitesResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new MediaInvitesResource(session);
    }

    @Override
    public void close() {
        // request-scoped, nothing held
    }
}
