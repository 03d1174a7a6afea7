package io.shoprules.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The operations console's sign-in session (docs/console.md). */
@ConfigMapping(prefix = "shoprules.console")
public interface ConsoleConfig {

    /**
     * The secret session cookies are signed with. Unset, each start draws a random one: sessions
     * then end with a restart and hold on one instance only, so a cluster must set it.
     */
    Optional<String> sessionSecret();

    /** How long a sign-in lasts. */
    @WithDefault("8h")
    Duration sessionTtl();

    /** Whether the session cookie is sent over HTTPS only; off only for plain-HTTP development. */
    @WithDefault("true")
    boolean secureCookie();
}
