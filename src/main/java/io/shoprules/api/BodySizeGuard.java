package io.shoprules.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses bodies that announce more bytes than allowed with a problem+json 413, before any of
 * the body is read. (Vert.x's own limit, set a little higher, still stops bodies that do not
 * announce their length.)
 */
@ApplicationScoped
public class BodySizeGuard {

    private final long maxBodyBytes;

    public BodySizeGuard(RequestLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    void guard(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                                + "\"detail\":\"the body is larger than " + maxBodyBytes + " bytes\"}");
                return;
            }
            context.next();
        });
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
