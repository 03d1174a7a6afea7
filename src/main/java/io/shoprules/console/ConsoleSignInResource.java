package io.shoprules.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.shoprules.access.Roles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;

/**
 * Signing in to the console with an ops key, and out. The key is checked by the same identity
 * provider as the API's bearer keys; only its name goes into the signed session cookie.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleSignInResource {

    private static final Logger LOG = Logger.getLogger(ConsoleSignInResource.class);

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance signIn(ConsolePage page, String token, String message);
    }

    private final ConsoleSessions sessions;
    private final IdentityProviderManager identities;

    public ConsoleSignInResource(ConsoleSessions sessions, IdentityProviderManager identities) {
        this.sessions = sessions;
        this.identities = identities;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/console/rulesets")).build();
    }

    @GET
    @Path("sign-in")
    public Response signInForm() {
        return signInPage(200, null);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm String key, @RestForm String csrf,
                           @RestCookie(ConsoleSessions.SIGN_IN_COOKIE) String expected) {
        if (!ConsoleSessions.sameToken(expected, csrf)) {
            throw new FormRefusedException();
        }
        if (key == null || key.isBlank()) {
            return signInPage(400, "Enter an ops API key.");
        }
        SecurityIdentity identity;
        try {
            identity = identities.authenticateBlocking(new TokenAuthenticationRequest(new TokenCredential(key.trim(), "bearer")));
        } catch (AuthenticationFailedException e) {
            return signInPage(401, "That key is not valid.");
        }
        if (!identity.hasRole(Roles.OPS)) {
            LOG.infof("console sign-in refused for key %s: not an ops key", identity.getPrincipal().getName());
            return signInPage(403, "That is a shop key: only an ops key may sign in to the console.");
        }
        String name = identity.getPrincipal().getName();
        LOG.infof("console sign-in: key %s", name);
        return Response.seeOther(URI.create("/console/rulesets"))
                .cookie(cookie(ConsoleSessions.COOKIE, sessions.open(name), (int) sessions.maxAgeSeconds()),
                        cookie(ConsoleSessions.SIGN_IN_COOKIE, "", 0))
                .build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@RestForm String csrf, @RestCookie(ConsoleSessions.COOKIE) String session) {
        sessions.read(session).filter(operator -> sessions.formTokenMatches(operator, csrf))
                .orElseThrow(FormRefusedException::new);
        return Response.seeOther(URI.create(ConsoleGate.SIGN_IN))
                .cookie(cookie(ConsoleSessions.COOKIE, "", 0))
                .build();
    }

    private Response signInPage(int status, String message) {
        String token = sessions.signInToken();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.signIn(new ConsolePage("Sign in", null, null, null), token, message).render())
                .cookie(cookie(ConsoleSessions.SIGN_IN_COOKIE, token, -1))
                .build();
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path(ConsoleGate.ROOT).maxAge(maxAge).httpOnly(true)
                .secure(sessions.secureCookie()).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
