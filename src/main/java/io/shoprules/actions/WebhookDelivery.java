package io.shoprules.actions;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Pushes PENDING actions whose next attempt is due, oldest first. The outbox row is the source of
 * truth: an attempt is claimed in the table before the POST and settled after it, so a crash, a
 * restart or a second instance never loses an action; at worst one is POSTed again after its lease,
 * with the same {@code Idempotency-Key}. Delivery is therefore at least once.
 */
@ApplicationScoped
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    /** Batches per tick at most, so one tick does not run for ever behind a huge backlog. */
    private static final int MAX_BATCHES_PER_TICK = 50;

    private final Outbox outbox;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final Clock clock;

    public WebhookDelivery(Outbox outbox, WebhookSender sender, WebhookConfig config, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "webhook-delivery", every = "${shoprules.webhook.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (sender.enabled()) {
            deliverDue();
        }
    }

    /** Pushes what is due now; returns how many actions were delivered. */
    public int deliverDue() {
        int delivered = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
            List<DueAction> due = outbox.due(OffsetDateTime.now(clock), config.batchSize());
            for (DueAction next : due) {
                ActionView action = outbox.claim(next, lease());
                if (action == null) {
                    continue;
                }
                try {
                    sender.send(action);
                    outbox.delivered(action.id());
                    delivered++;
                } catch (RuntimeException e) {
                    ActionView after = outbox.pushFailed(action.id(), e.getMessage(), config.maxAttempts(),
                            backoff(action.attempts()));
                    if (after.status() == ActionStatus.FAILED) {
                        LOG.errorf("action %d (%s) left FAILED after %d attempts: %s", action.id(), action.idempotencyKey(),
                                after.attempts(), e.getMessage());
                    } else {
                        LOG.warnf("action %d (%s) attempt %d failed, next at %s: %s", action.id(), action.idempotencyKey(),
                                after.attempts(), after.nextAttemptAt(), e.getMessage());
                    }
                }
            }
            if (due.size() < config.batchSize()) {
                break;
            }
        }
        return delivered;
    }

    /** The wait after failed attempt number {@code attempts}: initial × factor^(attempts − 1), capped. */
    Duration backoff(int attempts) {
        double millis = config.initialBackoff().toMillis() * Math.pow(config.backoffFactor(), Math.max(0, attempts - 1));
        long capped = (long) Math.min(millis, config.maxBackoff().toMillis());
        return Duration.ofMillis(capped);
    }

    /** Long enough for one attempt with its in-memory retries; afterwards another instance may take over. */
    private Duration lease() {
        Duration attempt = config.timeout().multipliedBy(3).plusSeconds(5);
        return attempt.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : attempt;
    }
}
