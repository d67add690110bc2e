package io.mediainvites.model.http;

import io.mediainvites.core.error.ErrorCode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;

/**
 * S13: the resource our providers hand out instead of the real one when the request's {@code Content-Type} cannot
 * be parsed ({@link RequestContentType#unparseable}). The framework would fail reading the body and Keycloak's
 * security-headers filter would turn that into a 500; these methods take no body, so nothing is parsed, and
 * answer 400 {@code invalid_content_type} (JSON, with the security headers set by {@link RequestContentType#guard}).
 *
 * <p>Use in a provider's {@code getResource()}: {@code return RequestContentType.unparseable(session) ? new
 * ContentTypeRefusal(session) : new TheRealResource(...)}.
 */
public class ContentTypeRefusal {

    private final KeycloakSession session;

    public ContentTypeRefusal(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("{any:.*}")
    public Response get() {
        return refuse();
    }

    @POST
    @Path("{any:.*}")
    public Response post() {
        return refuse();
    }

    @PUT
    @Path("{any:.*}")
    public Response put() {
        return refuse();
    }

    @DELETE
    @Path("{any:.*}")
    public Response delete() {
        return refuse();
    }

    @PATCH
    @Path("{any:.*}")
    public Response patch() {
        return refuse();
    }

    @HEAD
    @Path("{any:.*}")
    public Response head() {
        return RequestContentType.guard(session, Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).build());
    }

    @OPTIONS
    @Path("{any:.*}")
    public Response options() {
        return refuse();
    }

    private Response refuse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ErrorCode.INVALID_CONTENT_TYPE.code());
        body.put("error_description", "The Content-Type header is not one valid media type; send exactly one, such as"
                + " 'application/json'.");
        return RequestContentType.guard(session, Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).build());
    }
}
