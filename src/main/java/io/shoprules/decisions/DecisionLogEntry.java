package io.shoprules.decisions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.OffsetDateTime;

/**
 * A row of the decision log: the decisions one evaluation made of one type about one subject, which
 * rules of which version made them from which facts, and when. Read only: {@link DecisionLog} writes
 * the rows and reads their decisions ({@link DecisionLog#decisionsOf}).
 */
@Entity
@Immutable
@Table(name = "decision_log")
public class DecisionLogEntry extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "rule_set")
    public String ruleSet;

    public String version;

    /** The rule that made the row's decisions, or the rules, comma-separated; each decision names its own. */
    @Column(name = "rule_name")
    public String rule;

    public String type;

    public String subject;

    /** The ids of the facts evaluated together, comma-separated (cut short for large batches). */
    @Column(name = "fact_ids")
    public String factIds;

    /** REST or JOB. */
    public String source;

    /** The "now" the rules saw. */
    @Column(name = "evaluated_at")
    public OffsetDateTime evaluatedAt;

    /** When the service made the decision. */
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    /** The decision as clients receive it, JSON; a JSON array of them when the row holds several. */
    public String payload;

    /** How many decisions the row holds. */
    @Column(name = "decision_count")
    public int decisionCount;

    /** REST decisions: the request's id, which its recorded input carries too; null for jobs. */
    @Column(name = "request_id")
    public Long requestId;
}
