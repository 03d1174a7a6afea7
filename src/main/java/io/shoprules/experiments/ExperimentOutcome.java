package io.shoprules.experiments;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** What happened to a subject after its decisions, posted by the shop backend (V10). */
@Entity
@Table(name = "experiment_outcome")
public class ExperimentOutcome extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "experiment_outcome_seq")
    @SequenceGenerator(name = "experiment_outcome_seq", sequenceName = "experiment_outcome_seq", allocationSize = 1)
    public Long id;

    @Column(name = "rule_set")
    public String ruleSet;

    public String subject;

    public String outcome;

    /** In UTC, so one moment written with two offsets is one outcome. */
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    @Column(name = "outcome_value")
    public BigDecimal value;

    public String experiment;

    public String variant;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
}
