package io.shoprules.experiments;

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

/** One experiment of a rule set, running or stopped (V10). */
@Entity
@Table(name = "experiment")
public class Experiment extends PanacheEntityBase {

    /** Where an experiment is in its life. */
    public enum Status {
        /** Deciding for its share of the subjects. */
        RUNNING,
        /** Stopped by hand ({@code DELETE}). */
        STOPPED,
        /** Stopped by itself at {@code endsAt}. */
        ENDED,
        /** Its challenger became the rule set's files. */
        PROMOTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "experiment_seq")
    @SequenceGenerator(name = "experiment_seq", sequenceName = "experiment_seq", allocationSize = 1)
    public Long id;

    @Column(name = "rule_set")
    public String ruleSet;

    public String name;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "share_percent")
    public int share;

    @Column(name = "subject_field")
    public String subjectField;

    @Column(name = "champion_version")
    public String championVersion;

    @Column(name = "challenger_version")
    public String challengerVersion;

    /** JSON: file name to content hash in rule_file_content. */
    public String files;

    /** JSON: scenario file name to content hash, or null for a scenario the challenger removes. */
    public String scenarios;

    public String author;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "ends_at")
    public OffsetDateTime endsAt;

    @Column(name = "stopped_at")
    public OffsetDateTime stoppedAt;

    @Column(name = "stopped_by")
    public String stoppedBy;

    /** The rule set while running, null after: its unique index lets one experiment run per rule set. */
    @Column(name = "running_rule_set")
    public String runningRuleSet;

    boolean running() {
        return status == Status.RUNNING;
    }

    /** Marks it stopped for {@code status}, freeing the rule set for another experiment. */
    void stop(Status status, OffsetDateTime at, String by) {
        this.status = status;
        this.stoppedAt = at;
        this.stoppedBy = by;
        this.runningRuleSet = null;
    }
}
