package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What a rule decides. A rule emits one by inserting it: {@code insert(new RestockDecision(...))};
 * the engine collects it and remembers which rule made it.
 */
@JsonPropertyOrder({"type", "subject"})
public interface Decision {

    /** The decision type clients switch on, e.g. {@code RESTOCK}. */
    @JsonProperty("type")
    String type();

    /** The id of the fact the decision is about. */
    @JsonProperty("subject")
    String subject();

    /**
     * The ids of the facts the decision rests on, for the decision log. Usually just the subject;
     * a decision about several facts (a crisis over many complaints) lists them all.
     */
    @JsonIgnore
    default List<String> factIds() {
        return List.of(subject());
    }
}
