package io.shoprules.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets only signed-in operators reach console pages, before any resource runs, and gives every
 * console answer headers that keep it out of frames, caches and other sites' scripts. The API is
 * untouched: it authenticates with its bearer keys alone, a console cookie opens nothing there.
 */
@ApplicationScoped
public class ConsoleGate {

    static final String ROOT = "/console";
    static final String SIGN_IN = ROOT + "/sign-in";
    private static final String ASSETS = ROOT + "/assets/";
    /** Scripts only from this service (htmx, Chart.js, console.js); htmx sets inline styles for its indicators. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
            + "base-uri 'none'; object-src 'none'";
    /** After Quarkus's own security filters, before the resources. */
    private static final int PRIORITY = 100;

    private final ConsoleSessions sessions;

    public ConsoleGate(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    void register(@Observes Filters filters) {
        filters.register(this::guard, PRIORITY);
    }

    private void guard(RoutingContext context) {
        String path = context.normalizedPath();
        if (!path.equals(ROOT) && !path.startsWith(ROOT + "/")) {
            context.next();
            return;
        }
        context.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Frame-Options", "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set(HttpHeaders.CACHE_CONTROL, "no-store");
        if (path.equals(SIGN_IN) || path.startsWith(ASSETS)) {
            context.next();
            return;
        }
        Cookie cookie = context.request().getCookie(ConsoleSessions.COOKIE);
        if (sessions.read(cookie == null ? null : cookie.getValue()).isPresent()) {
            context.next();
            return;
        }
        if (context.request().getHeader("HX-Request") != null) {
            // htmx follows its own header, not a redirect of the fragment it asked for
            context.response().setStatusCode(401).putHeader("HX-Redirect", SIGN_IN).end();
        } else {
            context.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, SIGN_IN).end();
        }
    }
}
