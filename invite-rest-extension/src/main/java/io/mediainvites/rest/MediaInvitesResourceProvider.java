package io.mediainvites.rest;

import io.mediainvites.model.http.ContentTypeRefusal;
import io.mediainvites.model.http.RequestContentType;
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
        // S13: an unparseable Content-Type would make the framework fail before our code runs
        return RequestContentType.unparseable(session) ? new ContentTypeRefusal(session) : new MediaInvitesResource(session);
    }

    @Override
    public void close() {
        // request-scoped, nothing held
    }
}
