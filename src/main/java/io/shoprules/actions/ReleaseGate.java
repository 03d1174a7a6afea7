package io.shoprules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.scheduler.Scheduled;
import io.shoprules.engine.FirstLoadUnderWay;
import io.shoprules.facts.WriteConflicts;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The status machine's gate (docs/actions.md): decides how a new action enters the outbox and, every
 * few seconds, releases the HELD ones whose time has come through the {@link ContactGate}.
 *
 * <p>A new customer-facing action (its type names a {@code customer} field in actions.yaml) enters
 * HELD with {@code releaseAt} = now rather than PENDING: the gate then weighs all of a customer's
 * actions due together, from every rule set, highest priority first, so the caps cut the lowest
 * priority whichever job ran first. Everything is in the table: a restart loses nothing and, since
 * each release is a conditional update under the customer's lock, releases nothing twice.
 */
@ApplicationScoped
public class ReleaseGate {

    private static final Logger LOG = Logger.getLogger(ReleaseGate.class);
    /** Pages per tick at most, so one tick does not run for ever behind a huge queue. */
    private static final int MAX_PAGES = 50;
    private static final int ATTEMPTS = 3;

    private final ContactGate contactGate;
    private final Outbox outbox;
    private final ReleaseConfig config;
    private final Clock clock;

    public ReleaseGate(ContactGate contactGate, Outbox outbox, ReleaseConfig config, Clock clock) {
        this.contactGate = contactGate;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * How a new action of {@code rule}'s type enters the outbox at {@code now}: EXPIRED when its expiry
     * has passed already, HELD for the contact gate when it reaches a customer, PENDING otherwise.
     */
    public Admission admit(ActionRule rule, JsonNode payload, OffsetDateTime now) {
        String customer = rule.customerFacing() ? text(payload, rule.customerField()) : null;
        OffsetDateTime expiresAt = time(payload, rule.expiresAtField());
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return new Admission(ActionStatus.EXPIRED, "expired at " + expiresAt + " before it could be delivered",
                    customer, rule.priority(), null, expiresAt, null);
        }
        if (customer != null) {
            return new Admission(ActionStatus.HELD, "waits for the contact gate (caps, quiet hours)", customer,
                    rule.priority(), now, expiresAt, null);
        }
        return new Admission(ActionStatus.PENDING, null, null, rule.priority(), null, expiresAt, null);
    }

    @Scheduled(identity = "action-release", every = "${shoprules.actions.release-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = FirstLoadUnderWay.class)
    void onSchedule() {
        releaseDue();
    }

    /** Releases what is due now; returns how many actions went to PENDING. */
    public int releaseDue() {
        OffsetDateTime at = OffsetDateTime.now(clock);
        int released = 0;
        Set<String> customersDone = new LinkedHashSet<>();
        Set<Long> loneDone = new LinkedHashSet<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            List<HeldAction> due = outbox.heldDue(at, config.releaseBatchSize());
            boolean progress = false;
            for (HeldAction held : due) {
                if (held.customer() != null) {
                    if (customersDone.add(held.customer())) {
                        released += releaseCustomer(held.customer(), at);
                        progress = true;
                    }
                } else if (loneDone.add(held.id())) {
                    released += contactGate.releaseOne(held.id(), at) ? 1 : 0;
                    progress = true;
                }
            }
            if (due.size() < config.releaseBatchSize() || !progress) {
                break;
            }
        }
        if (released > 0) {
            LOG.infof("release gate: %d held actions went PENDING", released);
        }
        return released;
    }

    /** One customer; another instance releasing that customer at once may make this a write conflict: try again. */
    private int releaseCustomer(String customer, OffsetDateTime at) {
        for (int attempt = 1; ; attempt++) {
            try {
                return contactGate.release(customer, at);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !WriteConflicts.isConflict(e)) {
                    LOG.errorf(e, "release gate: a customer's held actions could not be released; tried again next tick");
                    return 0;
                }
            }
        }
    }

    private static String text(JsonNode payload, String field) {
        if (field == null || payload == null) {
            return null;
        }
        JsonNode value = payload.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static OffsetDateTime time(JsonNode payload, String field) {
        String text = text(payload, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            LOG.warnf("expiresAt field %s holds '%s', not a time with an offset; the action does not expire", field, text);
            return null;
        }
    }
}
