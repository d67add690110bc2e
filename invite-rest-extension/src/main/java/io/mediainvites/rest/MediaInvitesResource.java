package io.mediainvites.rest;

import io.mediainvites.core.ExtensionInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.keycloak.models.KeycloakSession;

/** Root of {@code /realms/{realm}/media-invites}. */
public class MediaInvitesResource {

    private final KeycloakSession session;

    public MediaInvitesResource(KeycloakSession session) {
        this.session = session;
    }

    /** Public description of the extension: lets a media app check it is installed and which version runs. */
    @GET
    @Path("info")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> describe() {
        ExtensionInfo info = ExtensionInfo.get();
        return Map.of(
                "extension", info.name(),
                "version", info.version(),
                "realm", session.getContext().getRealm().getName());
    }
}
