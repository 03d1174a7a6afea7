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
            JsonNode node = nodes.get(i);
            facts.add(checked(field + "[" + i + "]", () -> json.treeToValue(node, type)));
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
        return checked(field, () -> json.readerFor(type).readValue(payload));
    }

    /** One stored JSON document as a tree, for rule sets that read facts from trees. */
    public JsonNode tree(String field, String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, e.getOriginalMessage());
        }
    }

    /** A fact as {@code reading} makes it, with Jackson's and the constraints' complaints named under {@code at}. */
    private <T> T checked(String at, Reading<T> reading) {
        T fact;
        try {
            fact = reading.read();
        } catch (JsonMappingException e) {
            throw new InvalidInputException(at + JsonPaths.of(e), JsonPaths.reason(e));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(at, e.getOriginalMessage());
        }
        if (fact == null) {
            throw new InvalidInputException(at, "must not be null");
        }
        validator.validate(fact).stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    throw new InvalidInputException(at + "." + v.getPropertyPath(), v.getMessage());
                });
        return fact;
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read() throws JsonProcessingException;
    }
}
