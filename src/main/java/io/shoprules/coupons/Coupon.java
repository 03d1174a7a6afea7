package io.shoprules.coupons;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A single-use coupon code, issued with an action (V15__coupons_and_approvals.sql). */
@Entity
@Table(name = "coupon")
public class Coupon extends PanacheEntityBase {

    /** The canonical code ({@link CouponCode}). */
    @Id
    public String code;

    @Column(name = "action_id")
    public long actionId;

    /** The idempotency key of the action that carries it. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "rule_set")
    public String ruleSet;

    /** The decision type of its action. */
    public String type;

    public String subject;

    /** Whom it was issued to, when the action names a customer. */
    @Column(name = "customer_id")
    public String customerId;

    /** In yuan. */
    public BigDecimal amount;

    @Column(name = "issued_at")
    public OffsetDateTime issuedAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Enumerated(EnumType.STRING)
    public CouponStatus status;

    @Column(name = "redeemed_at")
    public OffsetDateTime redeemedAt;

    /** What identified the winning redemption: the shop's order id. */
    @Column(name = "redemption_key")
    public String redemptionKey;

    @Column(name = "void_reason")
    public String voidReason;
}
