package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A decision together with the name of the rule that made it. */
@JsonPropertyOrder({"decision", "rule"})
public record RuleDecision(@JsonProperty("rule") String rule, @JsonUnwrapped Decision decision) {

    @JsonIgnore
    public String type() {
        return decision.type();
    }

    @JsonIgnore
    public String subject() {
        return decision.subject();
    }
}
