package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A decision together with the name of the rule that made it. While a {@link TrafficSplit} splits
 * the rule set, it also carries the version that made it and the experiment and variant it came
 * from; otherwise those are absent (the response's version made every decision).
 */
@JsonPropertyOrder({"decision", "rule", "version", "experiment", "variant"})
public record RuleDecision(@JsonProperty("rule") String rule, @JsonUnwrapped Decision decision,
                           @JsonProperty("version") @JsonInclude(JsonInclude.Include.NON_NULL) String version,
                           @JsonIgnore Assignment assignment) {

    public RuleDecision(String rule, Decision decision) {
        this(rule, decision, null, null);
    }

    /** This decision as made by {@code version} for a subject in {@code assignment}. */
    public RuleDecision assigned(String version, Assignment assignment) {
        return new RuleDecision(rule, decision, version, assignment);
    }

    @JsonIgnore
    public String type() {
        return decision.type();
    }

    @JsonIgnore
    public String subject() {
        return decision.subject();
    }

    @JsonProperty("experiment")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String experiment() {
        return assignment == null ? null : assignment.experiment();
    }

    @JsonProperty("variant")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String variant() {
        return assignment == null ? null : assignment.variant();
    }
}
