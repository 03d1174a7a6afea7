package io.shoprules.versions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.shoprules.engine.ActivationSource;
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

/** One activation of a rule set: which version, when, how, by whom, and what changed. */
@Entity
@Table(name = "rule_set_activation")
public class RuleSetActivation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rule_set_activation_seq")
    @SequenceGenerator(name = "rule_set_activation_seq", sequenceName = "rule_set_activation_seq", allocationSize = 1)
    public Long id;

    @Column(name = "rule_set")
    public String ruleSet;

    public String version;

    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;

    @Enumerated(EnumType.STRING)
    public ActivationSource source;

    public String author;

    @Column(name = "scenarios_passed")
    public int scenariosPassed;

    @Column(name = "scenarios_failed")
    public int scenariosFailed;

    /** File name to content hash, as a JSON object. */
    public String files;

    /** What differs from the version active before, as a JSON array of {file, change}. */
    public String changes;

    /** Scenario file name to content hash, as a JSON object; null in rows older than this column. */
    @Column(name = "scenario_files")
    public String scenarioFiles;

    /** How the scenarios differ from those of the activation before, as {@link #changes}; null when unknown. */
    @Column(name = "scenario_changes")
    public String scenarioChanges;
}
