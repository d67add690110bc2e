package io.mediainvites.rest.api;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * Runs an endpoint body and turns every refusal into a JSON error ({@code error}, {@code error_description},
 * optional {@code field}) with the code's HTTP status; anything unexpected becomes a 500 without details.
 * On any refusal the request's transaction is rolled back, so nothing is half-written (S4).
 */
public final class ApiResponses {

    private static final Logger LOG = Logger.getLogger(ApiResponses.class);

    private ApiResponses() {
    }

    public static Response run(KeycloakSession session, Supplier<Response> body) {
        try {
            return body.get();
        } catch (InviteRuleException e) {
            session.getTransactionManager().setRollbackOnly();
            LOG.debugf("media-invites request refused: %s", e.code().code());
            Response.ResponseBuilder response = errorBuilder(e.code(), e.description(), e.field(),
                    e instanceof ApiException api ? api.details() : Map.of());
            return response.build();
        } catch (RuntimeException e) {
            session.getTransactionManager().setRollbackOnly();
            LOG.error("media-invites request failed", e);
            return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", "server_error", "error_description", "The request could not be processed."))
                    .build();
        }
    }

    public static Response.ResponseBuilder errorBuilder(ErrorCode code, String description, String field,
            Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.code());
        body.put("error_description", description == null ? code.defaultDescription() : description);
        if (field != null) {
            body.put("field", field);
        }
        body.putAll(details);
        return Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
