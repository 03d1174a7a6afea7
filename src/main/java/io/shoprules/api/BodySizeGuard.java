package io.shoprules.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses bodies larger than allowed with a problem+json 413. A body that announces its length is
 * refused before any of it is read. A chunked body (no length) is read into memory up to the limit
 * here, the way the JSON reader would read it anyway; Vert.x's own limit, which stops such bodies
 * further in, answers an empty 413 that names nothing. Multipart uploads keep that limit: they are
 * streamed to disk by the REST layer, not read here.
 */
@ApplicationScoped
public class BodySizeGuard {

    private final long maxBodyBytes;

    public BodySizeGuard(RequestLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    void guard(@Observes Router router) {
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                refuse(context);
                return;
            }
            if (length == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING) && !multipart(context)) {
                chunkedBodies.handle(context);
                return;
            }
            context.next();
        }).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                refuse(context);
                return;
            }
            context.next();
        });
    }

    private void refuse(RoutingContext context) {
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                        + "\"detail\":\"the body is larger than " + maxBodyBytes + " bytes\"}");
    }

    private static boolean multipart(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
