package io.mediainvites.admin.rest;

import io.mediainvites.core.error.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON refusals of the admin endpoint: {@code error}, {@code error_description}, optional {@code field}. */
final class AdminErrors {

    private AdminErrors() {
    }

    static Response of(ErrorCode code, String description, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.code());
        body.put("error_description", description == null ? code.defaultDescription() : description);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
