package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decision of a type a rule file declares with {@code @decision}: its type, its subject and its
 * fields, taken from the object a rule inserted. It reads as JSON like the decisions of the rule
 * sets typed in Java: {@code type}, {@code subject}, the fields, {@code rule}.
 *
 * @param keyParts the values of the fields named by {@code @once}, in that order, for the idempotency
 *                 key of the action the decision becomes
 * @param perDay   whether {@code @once} names {@code today}: one action per shop-local day
 */
public record DeclaredDecision(String type, String subject, @JsonIgnore Map<String, JsonNode> fields,
                               @JsonIgnore List<String> keyParts, @JsonIgnore boolean perDay) implements Decision {

    public DeclaredDecision {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        keyParts = List.copyOf(keyParts);
    }

    @JsonAnyGetter
    public Map<String, JsonNode> jsonFields() {
        return fields;
    }

    /** The parts of the action's idempotency key after the type: the {@code @once} fields, then the day if asked. */
    public List<Object> idempotencyParts(LocalDate today) {
        List<Object> parts = new ArrayList<>(keyParts);
        if (perDay) {
            parts.add(today);
        }
        return parts;
    }
}
