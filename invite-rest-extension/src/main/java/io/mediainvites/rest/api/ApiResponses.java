package io.mediainvites.rest.api;

import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.model.store.WriteConflicts;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * Runs an endpoint body and turns every refusal into a JSON error ({@code error}, {@code error_description},
 * optional {@code field}) with the code's HTTP status (S13): our refusals, a write that lost to a concurrent
 * write (409 {@code conflict}), a framework refusal (its 4xx status). Only a genuine bug is a 500, without details.
 * On any refusal the request's transaction is rolled back, so nothing is half-written (S4). A 401 carries the
 * RFC 6750 {@code WWW-Authenticate} challenge, a 429 {@code Retry-After}.
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
            if (e instanceof ApiException api) {
                api.headers().forEach(response::header);
            }
            if (e.code().httpStatus() == 401) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, challenge(session,
                        e instanceof ApiException api && api.invalidTokenPresented(), e.description()));
            }
            return response.build();
        } catch (RuntimeException e) {
            session.getTransactionManager().setRollbackOnly();
            if (WriteConflicts.isConflict(e)) {
                LOG.debugf("media-invites request lost a concurrent write: %s", e.getClass().getSimpleName());
                return errorBuilder(ErrorCode.CONFLICT, null, null, Map.of()).build();
            }
            if (e instanceof WebApplicationException web && web.getResponse() != null
                    && web.getResponse().getStatus() >= 400 && web.getResponse().getStatus() < 500) {
                int status = web.getResponse().getStatus();
                LOG.debugf("media-invites request refused by the framework: %d", status);
                Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body(status == 401 ? ErrorCode.NOT_AUTHENTICATED.code() : ErrorCode.INVALID_REQUEST.code(),
                                "The request was refused (HTTP " + status + ")."));
                if (status == 401) {
                    response.header(HttpHeaders.WWW_AUTHENTICATE, challenge(session, true, null));
                }
                return response.build();
            }
            LOG.error("media-invites request failed", e);
            return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(body("server_error", "The request could not be processed."))
                    .build();
        }
    }

    public static Response.ResponseBuilder errorBuilder(ErrorCode code, String description, String field,
            Map<String, Object> details) {
        Map<String, Object> body = body(code.code(), description == null ? code.defaultDescription() : description);
        if (field != null) {
            body.put("field", field);
        }
        body.putAll(details);
        return Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }

    private static Map<String, Object> body(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }

    /** RFC 6750 section 3: {@code Bearer realm="..."}, with {@code error="invalid_token"} when a token was presented. */
    static String challenge(KeycloakSession session, boolean invalidToken, String description) {
        StringBuilder value = new StringBuilder("Bearer realm=\"")
                .append(quoted(session.getContext().getRealm().getName())).append('"');
        if (invalidToken) {
            value.append(", error=\"invalid_token\"");
            if (description != null) {
                value.append(", error_description=\"").append(quoted(description)).append('"');
            }
        }
        return value.toString();
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
