package io.shoprules.console;

import java.time.Instant;

/**
 * Who is signed in to the console: the name of the ops key they signed in with, until when, and
 * the token every form of their session carries (derived from the session, so nothing is stored).
 */
public record Operator(String name, Instant expires, String csrfToken) {
}
