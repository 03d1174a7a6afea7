package io.shoprules.actions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One action in the outbox: a decision a job made, to be carried out by the shop backend. */
@Entity
@Table(name = "action")
public class Action extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "action_seq")
    @SequenceGenerator(name = "action_seq", sequenceName = "action_seq", allocationSize = 50)
    public Long id;

    /** Unique: the same action can exist only once, whoever decides it how often. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "rule_set")
    public String ruleSet;

    public String type;

    public String subject;

    /** The rule-set version that decided it. */
    public String version;

    @Column(name = "rule_name")
    public String rule;

    /** The decision as clients receive it, JSON. */
    public String payload;

    @Enumerated(EnumType.STRING)
    public ActionStatus status;

    /** Push attempts made so far. */
    public int attempts;

    /** When a push may next be tried (while PENDING). */
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "job_run_id")
    public Long jobRunId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    @Column(name = "acked_at")
    public OffsetDateTime ackedAt;

    /** Why the action is where it is (over a cap, cancelled by a re-check, ...), or null. */
    public String reason;

    /** The customer a customer-facing action reaches; null for the others. */
    public String customer;

    /** While HELD: when the contact gate looks at it again. */
    @Column(name = "release_at")
    public OffsetDateTime releaseAt;

    /** After this it is no longer worth delivering (EXPIRED); null when it never expires. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    /** Which customer-facing actions the caps let through first: the higher. */
    public int priority;

    /** When it became PENDING for the shop; the contact caps count from this. */
    @Column(name = "released_at")
    public OffsetDateTime releasedAt;

    /** The hash of its subject's stored fact when the batch was written; a re-check skips an unchanged fact. */
    @Column(name = "fact_hash")
    public String factHash;

    /** Who approved or rejected it (an API key's or console operator's name); null if it never waited. */
    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;
}
