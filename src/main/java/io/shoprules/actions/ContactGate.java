package io.shoprules.actions;

import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.Now;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Releases HELD actions, one customer (or one action without a customer) per transaction: each
 * becomes PENDING, or SUPPRESSED over a contact cap, HELD again until the quiet hours end, EXPIRED, or
 * CANCELLED by its re-check.
 *
 * <p>Counting holds across instances: the transaction first locks the customer's row in
 * {@code contact_customer} ({@code select ... for update}), so two instances releasing the same
 * customer's actions take turns, and the second counts what the first released. Every status change
 * is a conditional update ({@code where status = 'HELD'}), so a re-check or an approval that changed
 * the action meanwhile wins and nothing is released twice.
 */
@ApplicationScoped
public class ContactGate {

    private static final Logger LOG = Logger.getLogger(ContactGate.class);
    /** The statuses of a message that went out or is on its way: what the caps count. */
    private static final List<ActionStatus> COUNTED = List.of(ActionStatus.PENDING, ActionStatus.DELIVERED, ActionStatus.ACKED);

    private final EntityManager entityManager;
    private final ContactVerdicts verdicts;
    private final Rechecks rechecks;
    private final Outbox outbox;
    private final ZoneId zone;

    public ContactGate(EntityManager entityManager, ContactVerdicts verdicts, Rechecks rechecks, Outbox outbox,
                       EngineConfig config) {
        this.entityManager = entityManager;
        this.verdicts = verdicts;
        this.rechecks = rechecks;
        this.outbox = outbox;
        this.zone = config.shop().zone();
    }

    /**
     * Releases {@code customer}'s HELD actions due at {@code at}, highest priority first (ties: oldest
     * first), each weighed against what the customer was sent in the shop-local day and week.
     *
     * @return how many went to PENDING
     */
    @Transactional
    public int release(String customer, OffsetDateTime at) {
        lock(customer);
        List<Action> due = entityManager.createQuery("select a from Action a where a.customer = :customer"
                        + " and a.status = :held and a.releaseAt <= :at order by a.priority desc, a.createdAt, a.id", Action.class)
                .setParameter("customer", customer)
                .setParameter("held", ActionStatus.HELD)
                .setParameter("at", at)
                .getResultList();
        if (due.isEmpty()) {
            return 0;
        }
        Now now = new Now(at, zone);
        LocalDate today = now.today();
        long sentToday = sentSince(customer, today.atStartOfDay(zone).toOffsetDateTime());
        long sentThisWeek = sentSince(customer, today.minusDays(6).atStartOfDay(zone).toOffsetDateTime());
        int released = 0;
        for (Action action : due) {
            if (stoppedBeforeRelease(action, at)) {
                continue;
            }
            ContactVerdicts.Verdict verdict = verdicts.judge(new ContactVerdicts.Message(action.id, customer, action.type,
                    action.priority, sentToday, sentThisWeek), now);
            switch (verdict.kind()) {
                case SEND -> {
                    if (toPending(action.id, at)) {
                        released++;
                        sentToday++;
                        sentThisWeek++;
                    }
                }
                case SUPPRESS -> {
                    String reason = verdict.reason() + ": over the contact cap of " + ContactVerdicts.RULE_SET + " version "
                            + verdict.version() + " (" + sentToday + " sent today, " + sentThisWeek + " in 7 days)";
                    if (outbox.stop(action.id, ActionStatus.HELD, ActionStatus.SUPPRESSED, reason)) {
                        LOG.infof("action %d (%s) SUPPRESSED: %s", action.id, action.idempotencyKey, reason);
                    }
                }
                case HOLD -> holdUntil(action.id, nextAt(at, verdict.until()), "quiet hours until " + verdict.until());
            }
        }
        return released;
    }

    /**
     * Releases one HELD action that reaches no customer (an approved one, say): only its expiry and its
     * re-check stand in the way.
     *
     * @return whether it went to PENDING
     */
    @Transactional
    public boolean releaseOne(long id, OffsetDateTime at) {
        Action action = entityManager.find(Action.class, id);
        if (action == null || action.status != ActionStatus.HELD || action.customer != null
                || action.releaseAt == null || action.releaseAt.isAfter(at)) {
            return false;
        }
        return !stoppedBeforeRelease(action, at) && toPending(id, at);
    }

    /** EXPIRED when its expiry has passed, CANCELLED when its re-check says the decision no longer holds. */
    private boolean stoppedBeforeRelease(Action action, OffsetDateTime at) {
        if (action.expiresAt != null && !action.expiresAt.isAfter(at)) {
            String reason = "expired at " + action.expiresAt + " before it could be delivered";
            if (outbox.stop(action.id, ActionStatus.HELD, ActionStatus.EXPIRED, reason)) {
                LOG.infof("action %d (%s) EXPIRED: %s", action.id, action.idempotencyKey, reason);
            }
            return true;
        }
        Optional<String> gone = rechecks.noLongerDecided(outbox.view(action), at);
        if (gone.isPresent()) {
            if (outbox.stop(action.id, ActionStatus.HELD, ActionStatus.CANCELLED, gone.get())) {
                LOG.infof("action %d (%s) CANCELLED: %s", action.id, action.idempotencyKey, gone.get());
            }
            return true;
        }
        return false;
    }

    private boolean toPending(long id, OffsetDateTime at) {
        return entityManager.createQuery("update Action a set a.status = :pending, a.releasedAt = :at, a.nextAttemptAt = :at,"
                        + " a.releaseAt = null, a.reason = null where a.id = :id and a.status = :held")
                .setParameter("pending", ActionStatus.PENDING)
                .setParameter("at", at)
                .setParameter("id", id)
                .setParameter("held", ActionStatus.HELD)
                .executeUpdate() == 1;
    }

    private void holdUntil(long id, OffsetDateTime releaseAt, String reason) {
        entityManager.createQuery("update Action a set a.releaseAt = :releaseAt, a.reason = :reason"
                        + " where a.id = :id and a.status = :held")
                .setParameter("releaseAt", releaseAt)
                .setParameter("reason", reason)
                .setParameter("id", id)
                .setParameter("held", ActionStatus.HELD)
                .executeUpdate();
    }

    /** The next moment after {@code at} when the shop's clock shows {@code until} (tomorrow when it is past). */
    OffsetDateTime nextAt(OffsetDateTime at, LocalTime until) {
        ZonedDateTime local = at.atZoneSameInstant(zone);
        ZonedDateTime next = local.toLocalDate().atTime(until).atZone(zone);
        if (!next.isAfter(local)) {
            next = local.toLocalDate().plusDays(1).atTime(until).atZone(zone);
        }
        return next.toOffsetDateTime();
    }

    private long sentSince(String customer, OffsetDateTime since) {
        return entityManager.createQuery("select count(a) from Action a where a.customer = :customer"
                        + " and a.releasedAt >= :since and a.status in :counted", Long.class)
                .setParameter("customer", customer)
                .setParameter("since", since)
                .setParameter("counted", COUNTED)
                .getSingleResult();
    }

    /**
     * Locks the customer's row, creating it on first contact. Two first contacts at once: one insert
     * fails on the primary key, a write conflict, and the release gate tries that customer again.
     */
    private void lock(String customer) {
        entityManager.createNativeQuery("insert into contact_customer (customer) select ?1 from (values (1)) one (x)"
                        + " where not exists (select 1 from contact_customer where customer = ?1)")
                .setParameter(1, customer)
                .executeUpdate();
        entityManager.createNativeQuery("select customer from contact_customer where customer = ?1 for update")
                .setParameter(1, customer)
                .getResultList();
    }
}
