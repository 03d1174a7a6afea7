package io.shoprules.actions;

import io.shoprules.coupons.Coupons;
import io.shoprules.errors.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * An operator's verdict on an action that waits for approval (its amount is above the cap its rule
 * set's {@code actions.yaml} sets): approved, it goes on to delivery; rejected, it never will, and its
 * coupon is void. The verdict is recorded with its author, time and note (docs/coupons.md).
 *
 * <p>One verdict per action: both moves are conditional updates on PENDING_APPROVAL, so an approve
 * and a reject sent at once (two operators, two instances) leave exactly one of them. The same verdict
 * sent again is answered as the first time (the first author stays on record); the other verdict
 * afterwards is a 409.
 */
@ApplicationScoped
public class Approvals {

    private static final Logger LOG = Logger.getLogger(Approvals.class);

    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Coupons coupons;
    private final Clock clock;

    public Approvals(EntityManager entityManager, Outbox outbox, Coupons coupons, Clock clock) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.coupons = coupons;
        this.clock = clock;
    }

    @Transactional
    public ActionView approve(long id, String author, String note) {
        if (decide(id, ActionStatus.PENDING_APPROVAL, author, note)) {
            coupons.approvedFor(id);
            Action action = require(id);
            releaseApproved(action);
            LOG.infof("action %d (%s %s) approved by %s", id, action.ruleSet, action.type, author);
            return outbox.view(action);
        }
        Action action = require(id);
        if (APPROVED.equals(verdictOf(action))) {
            return outbox.view(action);
        }
        throw new ActionStateException("action " + id + " is " + action.status + "; only PENDING_APPROVAL actions are approved");
    }

    @Transactional
    public ActionView reject(long id, String author, String note) {
        if (decide(id, ActionStatus.REJECTED, author, note)) {
            Action action = require(id);
            coupons.voidFor(id, "action " + id + " was rejected by " + author);
            LOG.infof("action %d (%s %s) rejected by %s", id, action.ruleSet, action.type, author);
            return outbox.view(action);
        }
        Action action = require(id);
        if (action.status == ActionStatus.REJECTED) {
            return outbox.view(action);
        }
        throw new ActionStateException("action " + id + " is " + action.status + "; only PENDING_APPROVAL actions are rejected");
    }

    /**
     * The approved action goes on to delivery as any new one would: a customer-facing one through the
     * contact gate (HELD, due now: caps, quiet hours, its re-check), any other straight to PENDING,
     * re-checked before its push.
     */
    private void releaseApproved(Action action) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        action.attempts = 0;
        action.nextAttemptAt = now;
        if (action.customer != null) {
            action.status = ActionStatus.HELD;
            action.releaseAt = now;
        } else {
            action.status = ActionStatus.PENDING;
            action.releasedAt = now;
        }
    }

    /** Records the verdict if the action still waits for one; the status becomes {@code to}. */
    private boolean decide(long id, ActionStatus to, String author, String note) {
        String kept = note == null || note.isBlank() ? null : note.length() > ApprovalRequest.MAX_NOTE ? note.substring(0, ApprovalRequest.MAX_NOTE) : note;
        int decided = entityManager.createQuery("update Action a set a.status = :to, a.decidedBy = :author,"
                        + " a.decidedAt = :now, a.decisionNote = :note where a.id = :id and a.status = :waiting and a.decidedAt is null")
                .setParameter("to", to)
                .setParameter("author", author)
                .setParameter("now", OffsetDateTime.now(clock))
                .setParameter("note", kept)
                .setParameter("id", id)
                .setParameter("waiting", ActionStatus.PENDING_APPROVAL)
                .executeUpdate();
        return decided == 1;
    }

    private Action require(long id) {
        entityManager.clear();
        Action action = entityManager.find(Action.class, id);
        if (action == null) {
            throw new NotFoundException("no action with id " + id, null);
        }
        return action;
    }

    private static String verdictOf(Action action) {
        if (action.decidedAt == null) {
            return null;
        }
        return action.status == ActionStatus.REJECTED ? REJECTED : APPROVED;
    }

    /** The verdict {@link ActionView} shows, or null for an action that never waited for one. */
    static ActionView.Approval verdict(Action action) {
        String verdict = verdictOf(action);
        return verdict == null ? null : new ActionView.Approval(verdict, action.decidedBy, action.decidedAt, action.decisionNote);
    }
}
