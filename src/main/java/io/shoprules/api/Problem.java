package io.shoprules.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code field} names the offending input the way the client wrote
 * it ({@code facts[3].onHand}); {@code errors} carries rule-file errors where those are the cause.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String field, List<?> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String detail, String field) {
        return response(status.getStatusCode(), status.getReasonPhrase(), detail, field, List.of());
    }

    public static Response response(int status, String title, String detail, String field, List<?> errors) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, field, errors))
                .build();
    }
}
