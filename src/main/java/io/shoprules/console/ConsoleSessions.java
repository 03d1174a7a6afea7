package io.shoprules.console;

import io.shoprules.engine.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed console sessions: the cookie holds the key name and an expiry, signed with HMAC-SHA256,
 * so the server keeps no session state and a changed name or expiry fails the signature. The CSRF
 * token of a session is another HMAC over the cookie, so a page can only post with a token it was
 * given by a page of the same session.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "shoprules-console";
    /** The cookie that carries the sign-in form's own token, before there is a session. */
    public static final String SIGN_IN_COOKIE = "shoprules-console-sign-in";

    private static final Logger LOG = Logger.getLogger(ConsoleSessions.class);
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNBASE64 = Base64.getUrlDecoder();

    private final byte[] secret;
    private final ConsoleConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSessions(ConsoleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        if (config.sessionSecret().isPresent() && !config.sessionSecret().get().isBlank()) {
            this.secret = Sha256.of(config.sessionSecret().get());
        } else {
            this.secret = new byte[32];
            random.nextBytes(secret);
            LOG.info("shoprules.console.session-secret is not set: console sessions are signed with a random secret"
                    + " and end when this instance stops; set it on every instance of a cluster");
        }
    }

    /** A new session for the key named {@code name}: the cookie value. */
    public String open(String name) {
        long expires = Instant.now(clock).plus(config.sessionTtl()).getEpochSecond();
        String body = BASE64.encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "." + expires;
        return body + "." + BASE64.encodeToString(sign("session|" + body));
    }

    /** The operator of a session cookie, when it is signed by this service and has not expired. */
    public Optional<Operator> read(String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        String body = parts[0] + "." + parts[1];
        try {
            if (!MessageDigest.isEqual(sign("session|" + body), UNBASE64.decode(parts[2]))) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            if (!expires.isAfter(Instant.now(clock))) {
                return Optional.empty();
            }
            String name = new String(UNBASE64.decode(parts[0]), StandardCharsets.UTF_8);
            return Optional.of(new Operator(name, expires, BASE64.encodeToString(sign("csrf|" + cookie))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code token} is the form token of this session, compared in constant time. */
    public boolean formTokenMatches(Operator operator, String token) {
        return token != null && MessageDigest.isEqual(operator.csrfToken().getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh random token for the sign-in form, sent both as a cookie and in the form. */
    public String signInToken() {
        byte[] token = new byte[24];
        random.nextBytes(token);
        return BASE64.encodeToString(token);
    }

    public static boolean sameToken(String a, String b) {
        return a != null && b != null && !a.isEmpty()
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    public long maxAgeSeconds() {
        return config.sessionTtl().toSeconds();
    }

    public boolean secureCookie() {
        return config.secureCookie();
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
