package io.shoprules.jobs;

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

/** One run of a rule set's job. Its counters grow with every batch, in that batch's transaction. */
@Entity
@Table(name = "job_run")
public class JobRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "job_run_seq")
    @SequenceGenerator(name = "job_run_seq", sequenceName = "job_run_seq", allocationSize = 50)
    public Long id;

    @Column(name = "rule_set")
    public String ruleSet;

    @Enumerated(EnumType.STRING)
    @Column(name = "triggered_by")
    public JobTrigger triggeredBy;

    @Enumerated(EnumType.STRING)
    public JobStatus status;

    public String version;

    @Column(name = "batch_size")
    public int batchSize;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @Column(name = "facts_read")
    public long factsRead;

    public long batches;

    public long decisions;

    @Column(name = "actions_created")
    public long actionsCreated;

    public long errors;

    @Column(name = "last_error")
    public String lastError;

    /** The instance that runs it ({@link io.shoprules.cluster.ThisInstance}). */
    @Column(name = "instance_name")
    public String instanceName;
}
