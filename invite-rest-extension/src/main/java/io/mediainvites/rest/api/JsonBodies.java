package io.mediainvites.rest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.mediainvites.core.error.ErrorCode;

/** Parses request bodies ourselves, so malformed JSON is a 400 {@code invalid_json}, never a 500. */
public final class JsonBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .findAndRegisterModules();

    private JsonBodies() {
    }

    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request needs a JSON body.");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new ApiException(ErrorCode.INVALID_JSON, "The request needs a JSON object.");
            }
            return value;
        } catch (MismatchedInputException e) {
            String path = e.getPath().isEmpty() ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new ApiException(ErrorCode.INVALID_JSON, "The field '" + path + "' has the wrong type.");
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON.");
        }
    }
}
