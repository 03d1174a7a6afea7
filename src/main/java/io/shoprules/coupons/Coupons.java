package io.shoprules.coupons;

import io.shoprules.errors.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Single-use coupon codes (docs/coupons.md): issued with their action, redeemed once, voided when
 * their action will never reach the customer. This package knows nothing of the outbox; the
 * outbox calls {@link #issue} and {@link #voidFor}.
 */
@ApplicationScoped
public class Coupons {

    private static final Logger LOG = Logger.getLogger(Coupons.class);
    private static final int MAX_REASON = 500;

    private final EntityManager entityManager;
    private final Clock clock;

    public Coupons(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A fresh code for a coupon about to be issued. */
    public String newCode() {
        return CouponCode.next();
    }

    /**
     * Issues the coupon of a new action, in the transaction that creates the action. The action's
     * key is unique among coupons too, so an action never carries two. (Two equal random codes, one
     * chance in 2^80 per pair, would fail the batch on the primary key and the job would redo it with
     * fresh codes.)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void issue(NewCoupon coupon) {
        Coupon entity = new Coupon();
        entity.code = coupon.code();
        entity.actionId = coupon.actionId();
        entity.idempotencyKey = coupon.idempotencyKey();
        entity.ruleSet = coupon.ruleSet();
        entity.type = coupon.type();
        entity.subject = coupon.subject();
        entity.customerId = coupon.customerId();
        entity.amount = coupon.amount();
        entity.issuedAt = OffsetDateTime.now(clock);
        entity.expiresAt = coupon.expiresAt();
        entity.status = coupon.awaitsApproval() ? CouponStatus.PENDING_APPROVAL : CouponStatus.ISSUED;
        entityManager.persist(entity);
    }

    /**
     * Redeems {@code code} for {@code orderId}. Exactly one redemption ever wins: the conditional
     * update below changes the row only while it is ISSUED and unexpired, and the database lets one
     * writer through (the others wait on its row lock and then find it REDEEMED). The winner's request
     * repeated (same orderId) is answered as the first time.
     *
     * @throws io.shoprules.errors.InvalidInputException naming {@code code} when it is malformed
     * @throws NotFoundException                         when there is no such code
     * @throws CouponStateException                      when it was used for another order, expired, is
     *                                                   void or was issued to another customer
     */
    @Transactional
    public CouponView redeem(String code, String orderId, String customerId) {
        String canonical = CouponCode.canonical(code);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Coupon issued = require(canonical);
        if (customerId != null && issued.customerId != null && !issued.customerId.equals(customerId)) {
            throw new CouponStateException("coupon " + canonical + " was issued to another customer than " + customerId,
                    "customerId");
        }
        int won = entityManager.createQuery("update Coupon c set c.status = :redeemed, c.redeemedAt = :now,"
                        + " c.redemptionKey = :orderId where c.code = :code and c.status = :issued and c.expiresAt >= :now")
                .setParameter("redeemed", CouponStatus.REDEEMED)
                .setParameter("issued", CouponStatus.ISSUED)
                .setParameter("now", now)
                .setParameter("orderId", orderId)
                .setParameter("code", canonical)
                .executeUpdate();
        // read what the database holds now, not the row as this transaction read it before the update
        entityManager.clear();
        Coupon coupon = require(canonical);
        if (won == 1) {
            LOG.infof("coupon of action %d (%s %s) redeemed", coupon.actionId, coupon.ruleSet, coupon.type);
            return CouponView.of(coupon, now);
        }
        if (coupon.status == CouponStatus.REDEEMED && orderId.equals(coupon.redemptionKey)) {
            return CouponView.of(coupon, now);
        }
        throw refusal(coupon);
    }

    private static CouponStateException refusal(Coupon coupon) {
        String which = "coupon " + coupon.code;
        return switch (coupon.status) {
            case REDEEMED -> new CouponStateException(which + " is REDEEMED: it was used at " + coupon.redeemedAt
                    + " for another order", "code");
            case VOID -> new CouponStateException(which + " is VOID: " + coupon.voidReason, "code");
            case PENDING_APPROVAL -> new CouponStateException(which + " is PENDING_APPROVAL: its action waits for an"
                    + " operator's approval", "code");
            case ISSUED -> new CouponStateException(which + " is EXPIRED: it lapsed at " + coupon.expiresAt, "code");
        };
    }

    public CouponView get(String code) {
        return CouponView.of(require(CouponCode.canonical(code)), OffsetDateTime.now(clock));
    }

    /**
     * Voids the coupon of an action that will never reach its customer (rejected, cancelled,
     * suppressed, expired), in the caller's transaction. A redeemed coupon stays redeemed.
     *
     * @return whether a coupon was voided now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean voidFor(long actionId, String reason) {
        String why = reason == null ? "its action was withdrawn" : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        return entityManager.createQuery("update Coupon c set c.status = :void, c.voidReason = :reason"
                        + " where c.actionId = :actionId and c.status in (:issued, :waiting)")
                .setParameter("void", CouponStatus.VOID)
                .setParameter("reason", why)
                .setParameter("actionId", actionId)
                .setParameter("issued", CouponStatus.ISSUED)
                .setParameter("waiting", CouponStatus.PENDING_APPROVAL)
                .executeUpdate() == 1;
    }

    /**
     * The action of a coupon that waited for approval was approved: its code becomes redeemable, in the
     * caller's transaction.
     *
     * @return whether a coupon was waiting
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean approvedFor(long actionId) {
        return entityManager.createQuery("update Coupon c set c.status = :issued where c.actionId = :actionId and c.status = :waiting")
                .setParameter("issued", CouponStatus.ISSUED)
                .setParameter("actionId", actionId)
                .setParameter("waiting", CouponStatus.PENDING_APPROVAL)
                .executeUpdate() == 1;
    }

    private Coupon require(String canonical) {
        Coupon coupon = entityManager.find(Coupon.class, canonical);
        if (coupon == null) {
            throw new NotFoundException("no coupon with code " + canonical, "code");
        }
        return coupon;
    }
}
