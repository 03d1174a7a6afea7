package io.shoprules.actions;

import io.shoprules.settings.Bounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Pushing actions to the shop backend. Without {@code url}, actions are only pulled. */
@ConfigMapping(prefix = "shoprules.webhook")
public interface WebhookConfig {

    /** Where each action is POSTed; unset means no push. */
    Optional<URI> url();

    /** Connect and read timeout of one POST. */
    @WithDefault("5s")
    Duration timeout();

    /** How often the outbox is checked for actions due for a push. */
    @WithDefault("5s")
    Duration pollInterval();

    /** Push attempts (each with the client's quick in-memory retries) before an action is left FAILED. */
    @WithDefault("10")
    @Bounds(min = 1, max = 1000)
    int maxAttempts();

    /** Wait after the first failed attempt; each further failure multiplies it by {@link #backoffFactor}. */
    @WithDefault("10s")
    Duration initialBackoff();

    @WithDefault("2")
    @Bounds(min = 1)
    double backoffFactor();

    /** The longest wait between two attempts. */
    @WithDefault("1h")
    Duration maxBackoff();

    /**
     * Pushes under way at once. Each holds a thread and a connection to the webhook while it waits,
     * so a receiver that hangs for some actions holds up that many slots and the rest keep moving.
     */
    @WithDefault("8")
    @Bounds(min = 1, max = 256)
    int concurrency();

    /** Actions claimed per look at the outbox. */
    @WithDefault("100")
    @Bounds(min = 1, max = 10_000)
    int batchSize();
}
