package io.mediainvites.rest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.mediainvites.core.error.ErrorCode;
import io.mediainvites.core.http.ContentTypes;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.KeycloakSession;

/**
 * Parses request bodies ourselves, so a wrong content type is a 400 {@code invalid_content_type} and malformed
 * JSON a 400 {@code invalid_json}, never a 500 (S13).
 */
public final class JsonBodies {

    /** Bodies larger than this are not a request of this API. */
    public static final int MAX_LENGTH = 256 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .findAndRegisterModules();

    private JsonBodies() {
    }

    /** The body as {@code type}; the request must say {@code Content-Type: application/json}. */
    public static <T> T read(KeycloakSession session, String body, Class<T> type) {
        requireJsonContentType(session);
        return read(body, type);
    }

    /** Like {@link #read(KeycloakSession, String, Class)}, but a missing or blank body is {@code null}. */
    public static <T> T readOptional(KeycloakSession session, String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        return read(session, body, type);
    }

    public static void requireJsonContentType(KeycloakSession session) {
        if (!ContentTypes.isJson(session.getContext().getRequestHeaders().getRequestHeader(HttpHeaders.CONTENT_TYPE))) {
            throw new ApiException(ErrorCode.INVALID_CONTENT_TYPE,
                    "Send the body with exactly one 'Content-Type: application/json' header (UTF-8).");
        }
    }

    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request needs a JSON body.");
        }
        if (body.length() > MAX_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is larger than " + MAX_LENGTH + " characters.");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new ApiException(ErrorCode.INVALID_JSON, "The request needs a JSON object.");
            }
            return value;
        } catch (MismatchedInputException e) {
            String path = e.getPath().isEmpty() || e.getPath().get(e.getPath().size() - 1).getFieldName() == null
                    ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new ApiException(ErrorCode.INVALID_JSON, path, "The field '" + path + "' has the wrong type.");
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON.");
        }
    }
}
