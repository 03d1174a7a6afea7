package io.shoprules.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoprules.errors.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns untyped facts (a scenario's YAML, a stored JSON document) into a rule set's fact type and
 * checks them with the same constraints a REST request is checked with.
 */
@ApplicationScoped
public class FactReader {

    private final ObjectMapper json;
    private final Validator validator;

    public FactReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * Reads {@code nodes} as {@code type}; {@code field} names the list in error messages.
     *
     * @throws InvalidInputException naming the first field in error, e.g. {@code facts[2].onHand}
     */
    public <T> List<T> read(String field, List<JsonNode> nodes, Class<T> type) {
        List<T> facts = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            String at = field + "[" + i + "]";
            T fact;
            try {
                fact = json.treeToValue(nodes.get(i), type);
            } catch (JsonMappingException e) {
                throw new InvalidInputException(at + JsonPaths.of(e), JsonPaths.reason(e));
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(at, e.getOriginalMessage());
            }
            if (fact == null) {
                throw new InvalidInputException(at, "must not be null");
            }
            facts.add(checked(at, fact));
        }
        return facts;
    }

    /**
     * Reads one stored JSON document as {@code type}, checked as {@link #read} checks; straight from
     * the text, without the tree {@link #read} takes (a scan reads every stored fact this way).
     *
     * @throws InvalidInputException naming the field in error under {@code field}
     */
    public <T> T readStored(String field, String payload, Class<T> type) {
        T fact;
        try {
            fact = json.readerFor(type).readValue(payload);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(field + JsonPaths.of(e), JsonPaths.reason(e));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, e.getOriginalMessage());
        }
        if (fact == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        return checked(field, fact);
    }

    /** One stored JSON document as a tree, for rule sets that read facts from trees. */
    public JsonNode tree(String field, String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, e.getOriginalMessage());
        }
    }

    private <T> T checked(String at, T fact) {
        validator.validate(fact).stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    throw new InvalidInputException(at + "." + v.getPropertyPath(), v.getMessage());
                });
        return fact;
    }

}
