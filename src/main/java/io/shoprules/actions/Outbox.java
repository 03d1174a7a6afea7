package io.shoprules.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.shoprules.coupons.NewCoupon;
import io.shoprules.errors.NotFoundException;
import io.shoprules.storage.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The action outbox. Jobs add actions in the transaction of the batch that decided them; shop
 * backends pull and acknowledge them; {@link WebhookDelivery} pushes them.
 */
@ApplicationScoped
public class Outbox {

    private static final int IN_CHUNK = 500;
    private static final int MAX_ERROR = 2000;
    /** What the action table's columns hold (V2, V14); the coupon table's customer_id holds as much as action.customer. */
    private static final int MAX_SUBJECT = 128;
    private static final int MAX_RULE = 255;
    private static final int MAX_PAYLOAD = 100_000;
    private static final int MAX_CUSTOMER = 128;

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final Clock clock;
    private final CouponsAndApprovals couponsAndApprovals;
    private final ActionInserts inserts;

    public Outbox(EntityManager entityManager, ObjectMapper json, Clock clock, CouponsAndApprovals couponsAndApprovals,
                  ActionInserts inserts) {
        this.entityManager = entityManager;
        this.json = json;
        this.clock = clock;
        this.couponsAndApprovals = couponsAndApprovals;
        this.inserts = inserts;
    }

    /**
     * Adds the actions whose idempotency key does not exist yet, in the caller's transaction.
     *
     * <p>Keys that exist are skipped after one look-up per chunk. Another transaction can still
     * insert the same key between that look-up and this commit (a second instance scanning the same
     * facts); the unique constraint then fails this flush and the caller redoes its batch, whose
     * look-up now finds the key. The table never holds a key twice, and a rolled-back batch loses
     * nothing because it is redone. On PostgreSQL one statement per chunk skips existing keys
     * itself ({@link ActionInserts}): no look-up, and no lost race to redo.
     *
     * @return the keys of {@code actions} that exist after this call, with those created now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Added add(List<NewAction> actions) {
        Map<String, NewAction> byKey = new LinkedHashMap<>();
        actions.forEach(action -> byKey.putIfAbsent(action.idempotencyKey(), action));
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean inBulk = inserts.inBulk();
        Set<String> existing = inBulk ? Set.of() : existingKeys(new ArrayList<>(byKey.keySet()));
        List<Prepared> prepared = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (NewAction action : byKey.values()) {
            if (!existing.contains(action.idempotencyKey())) {
                Prepared next = prepare(action, now);
                String refusal = refusal(next);
                if (refusal == null) {
                    prepared.add(next);
                } else {
                    refused.add(new Refused(action, refusal));
                }
            }
        }
        Set<String> created = new HashSet<>();
        if (inBulk) {
            Map<String, Long> ids = inserts.insertNew(prepared.stream().map(Prepared::entity).toList(), now);
            for (Prepared next : prepared) {
                Long id = ids.get(next.entity().idempotencyKey);
                if (id != null) {
                    next.entity().id = id;
                    settle(next);
                }
            }
            created.addAll(ids.keySet());
        } else {
            for (Prepared next : prepared) {
                entityManager.persist(next.entity());
                settle(next);
                created.add(next.entity().idempotencyKey);
            }
            // Surface a key taken by a concurrent transaction here, inside the batch, not at commit.
            entityManager.flush();
        }
        Set<String> present = new LinkedHashSet<>(byKey.keySet());
        refused.forEach(not -> present.remove(not.action().idempotencyKey()));
        return new Added(present, created, refused);
    }

    /**
     * Why {@code prepared} cannot be written (a value longer than its column holds), or null. A
     * declared decision may carry any text of its facts; refused here, it costs its own fact only,
     * where the failed insert stopped the whole job run, and the next, at the same fact.
     */
    private static String refusal(Prepared prepared) {
        Action action = prepared.entity();
        NewCoupon coupon = prepared.planned().coupon();
        String tooLong = longerThan("subject", action.subject, MAX_SUBJECT);
        tooLong = tooLong != null ? tooLong : longerThan("rule name", action.rule, MAX_RULE);
        tooLong = tooLong != null ? tooLong : longerThan("JSON", action.payload, MAX_PAYLOAD);
        tooLong = tooLong != null ? tooLong : longerThan("customer", action.customer, MAX_CUSTOMER);
        tooLong = tooLong != null ? tooLong : longerThan("coupon's customer", coupon == null ? null : coupon.customerId(), MAX_CUSTOMER);
        return tooLong == null ? null : "its " + tooLong + " is too long for an action";
    }

    private static String longerThan(String what, String value, int max) {
        return value == null || value.length() <= max ? null : what + " (" + value.length() + " characters, at most " + max + ")";
    }

    /** A new action as it will be written, and the coupon it is to carry. */
    private record Prepared(Action entity, CouponsAndApprovals.Planned planned) {
    }

    private Prepared prepare(NewAction action, OffsetDateTime now) {
        Action entity = new Action();
        entity.idempotencyKey = action.idempotencyKey();
        entity.ruleSet = action.ruleSet();
        entity.type = action.type();
        entity.subject = action.subject();
        entity.version = action.version();
        entity.rule = action.rule();
        // coupons and approvals (docs/coupons.md): the payload carries the action's own coupon code,
        // and an amount above the approval cap starts as PENDING_APPROVAL, out of the gate's reach
        CouponsAndApprovals.Planned planned = couponsAndApprovals.plan(action, now);
        entity.payload = planned.payload();
        entity.attempts = 0;
        entity.nextAttemptAt = now;
        entity.jobRunId = action.jobRunId();
        entity.createdAt = now;
        admit(entity, action.admission(), now);
        if (planned.status() == ActionStatus.PENDING_APPROVAL && entity.status.open()) {
            // the gate weighs it (caps, quiet hours, re-check) once an operator approves it
            entity.status = ActionStatus.PENDING_APPROVAL;
            entity.releaseAt = null;
            entity.releasedAt = null;
        }
        return new Prepared(entity, planned);
    }

    /** What follows once the action has its id: its coupon, void at once if the action starts stopped. */
    private void settle(Prepared prepared) {
        couponsAndApprovals.issue(prepared.planned(), prepared.entity().id);
        if (prepared.entity().status.stopped()) {
            couponsAndApprovals.voidCoupon(prepared.entity().id, prepared.entity().reason);
        }
    }

    /** The release gate's first word on a new action (docs/actions.md). */
    private static void admit(Action entity, Admission admission, OffsetDateTime now) {
        entity.status = admission.status();
        entity.reason = admission.reason();
        entity.customer = admission.customer();
        entity.priority = admission.priority();
        entity.releaseAt = admission.releaseAt();
        entity.expiresAt = admission.expiresAt();
        entity.factHash = admission.factHash();
        entity.releasedAt = admission.status() == ActionStatus.PENDING ? now : null;
    }

    /** @param present every key asked for (all exist now); @param created the keys created by this call */
    /**
     * @param present the keys that exist after the call
     * @param created those of them created by it
     * @param refused the actions not written, each with why ({@link #refusal})
     */
    public record Added(Set<String> present, Set<String> created, List<Refused> refused) {
    }

    /** An action not written, and why. */
    public record Refused(NewAction action, String reason) {
    }

    private Set<String> existingKeys(List<String> keys) {
        Set<String> existing = new HashSet<>();
        for (int from = 0; from < keys.size(); from += IN_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_CHUNK));
            existing.addAll(entityManager.createQuery(
                            "select a.idempotencyKey from Action a where a.idempotencyKey in :keys", String.class)
                    .setParameter("keys", chunk)
                    .getResultList());
        }
        return existing;
    }

    public List<ActionView> find(ActionQuery query) {
        Filters filters = new Filters()
                .equal("ruleSet", query.ruleSet())
                .equal("type", query.type())
                .equal("status", query.status())
                .equal("subject", query.subject())
                .atLeast("createdAt", query.since())
                .after("id", query.afterId());
        List<Action> found = Action.<Action>find(filters.query(), Sort.ascending("id"), filters.parameters())
                .page(Page.of(query.page(), query.size())).list();
        return found.stream().map(this::view).toList();
    }

    public long count(String ruleSet, ActionStatus status) {
        return status == null ? Action.count("ruleSet", ruleSet) : Action.count("ruleSet = ?1 and status = ?2", ruleSet, status);
    }

    public ActionView get(long id) {
        return view(require(id));
    }

    /** The shop backend has the action. Acknowledging twice is harmless. */
    @Transactional
    public ActionView ack(long id) {
        Action action = require(id);
        if (action.status != ActionStatus.ACKED) {
            action.status = ActionStatus.ACKED;
            action.ackedAt = OffsetDateTime.now(clock);
        }
        return view(action);
    }

    /** Pushes a FAILED (or waiting PENDING) action again now, with a fresh set of attempts. */
    @Transactional
    public ActionView retry(long id) {
        Action action = require(id);
        // an allow-list, so that no other state (an action waiting for approval) is pushed by a retry
        if (action.status != ActionStatus.FAILED && action.status != ActionStatus.PENDING) {
            throw new ActionStateException("action " + id + " is " + action.status + "; only FAILED or PENDING actions are retried");
        }
        action.status = ActionStatus.PENDING;
        action.attempts = 0;
        action.nextAttemptAt = OffsetDateTime.now(clock);
        return view(action);
    }

    /** A page of actions due for a push: PENDING, their next attempt at or before {@code now}. */
    public List<DueAction> due(OffsetDateTime now, int limit) {
        return entityManager.createQuery("select new io.shoprules.actions.DueAction(a.id, a.attempts) from Action a"
                        + " where a.status = :pending and a.nextAttemptAt <= :now order by a.nextAttemptAt, a.id", DueAction.class)
                .setParameter("pending", ActionStatus.PENDING)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Takes one push attempt of an action: counts the attempt and moves its next attempt to after
     * {@code lease}, so no other instance (or loop) pushes it meanwhile. Only one claimer of a given
     * attempt wins. An instance that dies while pushing leaves the action to be retried after the lease.
     *
     * @return the action to push, or null when someone else claimed it
     */
    @Transactional
    public ActionView claim(DueAction due, Duration lease) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int claimed = entityManager.createQuery("update Action a set a.attempts = a.attempts + 1, a.nextAttemptAt = :until"
                        + " where a.id = :id and a.status = :pending and a.attempts = :attempts and a.nextAttemptAt <= :now")
                .setParameter("until", now.plus(lease))
                .setParameter("id", due.id())
                .setParameter("pending", ActionStatus.PENDING)
                .setParameter("attempts", due.attempts())
                .setParameter("now", now)
                .executeUpdate();
        return claimed == 1 ? view(require(due.id())) : null;
    }

    @Transactional
    public void delivered(long id) {
        Action action = require(id);
        if (action.status == ActionStatus.PENDING) {
            action.status = ActionStatus.DELIVERED;
            action.deliveredAt = OffsetDateTime.now(clock);
            action.lastError = null;
        }
    }

    /** A push failed: try again after {@code backoff}, or give up as FAILED after the last attempt. */
    @Transactional
    public ActionView pushFailed(long id, String error, int maxAttempts, Duration backoff) {
        Action action = require(id);
        if (action.status == ActionStatus.PENDING) {
            action.lastError = error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
            if (action.attempts >= maxAttempts) {
                action.status = ActionStatus.FAILED;
            } else {
                action.nextAttemptAt = OffsetDateTime.now(clock).plus(backoff);
            }
        }
        return view(action);
    }

    /**
     * Stops an action for good (CANCELLED by a re-check, EXPIRED), only if it is still {@code expected}:
     * a push or a release that got there first wins.
     *
     * @return whether it was stopped
     */
    @Transactional
    public boolean stop(long id, ActionStatus expected, ActionStatus to, String reason) {
        boolean stopped = entityManager.createQuery("update Action a set a.status = :to, a.reason = :reason, a.releaseAt = null"
                        + " where a.id = :id and a.status = :expected")
                .setParameter("to", to)
                .setParameter("reason", cut(reason))
                .setParameter("id", id)
                .setParameter("expected", expected)
                .executeUpdate() == 1;
        if (stopped && to.stopped()) {
            // a code nobody will receive must not be redeemable
            couponsAndApprovals.voidCoupon(id, reason);
        }
        return stopped;
    }

    /** A page of HELD actions whose release time has come, oldest release first (from any thread). */
    @Transactional
    public List<HeldAction> heldDue(OffsetDateTime now, int limit) {
        return entityManager.createQuery("select new io.shoprules.actions.HeldAction(a.id, a.customer) from Action a"
                        + " where a.status = :held and a.releaseAt <= :now order by a.releaseAt, a.id", HeldAction.class)
                .setParameter("held", ActionStatus.HELD)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The actions of {@code subjects} that may still reach the shop (PENDING, HELD or waiting for approval), for a re-check. */
    public List<Long> openOf(String ruleSet, List<String> subjects) {
        List<Long> ids = new ArrayList<>();
        for (int from = 0; from < subjects.size(); from += IN_CHUNK) {
            ids.addAll(entityManager.createQuery("select a.id from Action a where a.ruleSet = :ruleSet"
                            + " and a.subject in :subjects and a.status in :open order by a.id", Long.class)
                    .setParameter("ruleSet", ruleSet)
                    .setParameter("subjects", subjects.subList(from, Math.min(subjects.size(), from + IN_CHUNK)))
                    .setParameter("open", List.of(ActionStatus.PENDING, ActionStatus.HELD, ActionStatus.PENDING_APPROVAL))
                    .getResultList());
        }
        return ids;
    }

    /** The hash of the action's subject's fact when its batch was written, or null. */
    @Transactional
    public String factHashOf(long id) {
        return require(id).factHash;
    }

    static String cut(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }

    Action require(long id) {
        Action action = Action.findById(id);
        if (action == null) {
            throw new NotFoundException("no action with id " + id, null);
        }
        return action;
    }

    ActionView view(Action action) {
        try {
            return new ActionView(action.id, action.idempotencyKey, action.ruleSet, action.type, action.subject,
                    action.status, action.attempts, action.nextAttemptAt, action.lastError, action.version, action.rule,
                    action.jobRunId, action.createdAt, action.deliveredAt, action.ackedAt, json.readTree(action.payload),
                    action.reason, action.customer, action.releaseAt, action.expiresAt,
                    Approvals.verdict(action));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("action " + action.id + " has an unreadable payload", e);
        }
    }
}
