package io.shoprules.actions;

import io.quarkus.scheduler.Scheduled;
import io.shoprules.engine.FirstLoadUnderWay;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes PENDING actions whose next attempt is due, oldest first. The outbox row is the source of
 * truth: an attempt is claimed in the table before the POST and settled after it, so a crash, a
 * restart or a second instance never loses an action; at worst one is POSTed again after its lease,
 * with the same {@code Idempotency-Key}. Delivery is therefore at least once.
 *
 * <p>Up to {@code shoprules.webhook.concurrency} pushes run at once, each on its own thread with its
 * own in-memory retries and back-off: one after the other, a hanging receiver cost three timeouts per
 * action, and a due batch of 100 held delivery up for about 26 minutes. An action is claimed only
 * once a slot is free, so its lease starts with its push.
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
    private final Rechecks rechecks;
    private final ExecutorService pushes;
    /** Free push slots; the tick waits for one before it claims the next action. */
    private final Semaphore slots;

    public WebhookDelivery(Outbox outbox, WebhookSender sender, WebhookConfig config, Clock clock, Rechecks rechecks) {
        this.rechecks = rechecks;
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.pushes = Executors.newFixedThreadPool(config.concurrency(), push -> {
            Thread thread = new Thread(push, "webhook-push-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Semaphore(config.concurrency());
    }

    @PreDestroy
    void stop() {
        // a push cut short is claimed again once its lease runs out
        pushes.shutdownNow();
    }

    @Scheduled(identity = "webhook-delivery", every = "${shoprules.webhook.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = FirstLoadUnderWay.class)
    void onSchedule() {
        if (sender.enabled()) {
            deliverDue();
        }
    }

    /** Starts pushing what is due now; returns how many pushes were started (they may still be under way). */
    public int deliverDue() {
        int started = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
            List<DueAction> due = outbox.due(OffsetDateTime.now(clock), config.batchSize());
            for (DueAction next : due) {
                slots.acquireUninterruptibly();
                ActionView action;
                try {
                    action = outbox.claim(next, lease());
                } catch (RuntimeException e) {
                    slots.release();
                    throw e;
                }
                if (action == null) {
                    slots.release();
                    continue;
                }
                pushes.execute(() -> {
                    try {
                        push(action);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "action %d: its push could not be settled; it is pushed again after its lease", action.id());
                    } finally {
                        slots.release();
                    }
                });
                started++;
            }
            if (due.size() < config.batchSize()) {
                break;
            }
        }
        return started;
    }

    private void push(ActionView action) {
        if (stoppedBeforePush(action)) {
            return;
        }
        try {
            sender.send(action);
            outbox.delivered(action.id());
        } catch (RuntimeException e) {
            ActionView after = outbox.pushFailed(action.id(), e.getMessage(), config.maxAttempts(), backoff(action.attempts()));
            if (after.status() == ActionStatus.FAILED) {
                LOG.errorf("action %d (%s) left FAILED after %d attempts: %s", action.id(), action.idempotencyKey(),
                        after.attempts(), e.getMessage());
            } else {
                LOG.warnf("action %d (%s) attempt %d failed, next at %s: %s", action.id(), action.idempotencyKey(),
                        after.attempts(), after.nextAttemptAt(), e.getMessage());
            }
        }
    }

    /**
     * Whether the action must not go out after all: its expiry passed (EXPIRED), or its re-check finds the
     * decision no longer holds for the stored fact (CANCELLED, with the reason). Judged before every
     * attempt, so a cart paid between two attempts is not pushed again either.
     */
    private boolean stoppedBeforePush(ActionView action) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (action.expiresAt() != null && !action.expiresAt().isAfter(now)) {
            String reason = "expired at " + action.expiresAt() + " before it could be delivered";
            if (outbox.stop(action.id(), ActionStatus.PENDING, ActionStatus.EXPIRED, reason)) {
                LOG.infof("action %d (%s) EXPIRED: %s", action.id(), action.idempotencyKey(), reason);
            }
            return true;
        }
        return rechecks.cancelIfNoLongerDecided(action, now);
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
