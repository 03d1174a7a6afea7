package io.shoprules.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a feature tells the engine about a rule set it owns: its name (the folder under
 * {@code rules/}), the Java type of its facts, and anything the rules need built from the rule
 * set's data files. Features register one as a CDI bean; the engine knows no feature by name.
 */
public interface RuleSetDefinition {

    /** The rule set's name, which is also its folder under {@code rules/}. */
    String name();

    /** The type posted facts and scenario facts are read as. */
    Class<?> factType();

    /** The id of a fact, e.g. a SKU's {@code skuId}. */
    String factId(Object fact);

    /**
     * Globals built from the rule set's files (for example a term matcher from term lists),
     * built once per version. Throw {@link RuleSetRejectedException} when a data file is unusable.
     */
    default Map<String, Object> globals(RuleSetSource source) {
        return Map.of();
    }

    /**
     * What operations should hear about the serving files at {@code now}, though nothing is wrong
     * with them yet (a calendar about to run out); shown with the rule set's status.
     */
    default List<String> notices(RuleSetSource source, Instant now) {
        return List.of();
    }

    /**
     * Whether rules relate stored facts to each other (a crisis over one SKU's complaints), so that
     * scheduled jobs must evaluate each {@link #scanGroup} in one batch. Rule sets that judge each
     * fact alone (the default) are scanned in plain id order.
     */
    default boolean scansInGroups() {
        return false;
    }

    /** The group a fact is scanned with when {@link #scansInGroups()}; never null then. */
    default String scanGroup(Object fact) {
        return null;
    }

    /**
     * The scan group of the facts {@code decision} is about, when this rule set scans in groups and the
     * decision names it (a review alert names its SKU, the group of that SKU's reviews); null when it
     * cannot tell. Lets a later scan of that group see that the decision no longer comes out.
     */
    default String scanGroupOf(Decision decision) {
        return null;
    }

    /**
     * Reads facts given as JSON (a request's, a scenario's, a stored document) as this rule set's
     * fact type, checked like a REST request's facts; {@code field} names the list in errors.
     */
    default List<?> readFacts(FactReader reader, String field, List<JsonNode> nodes) {
        return reader.read(field, nodes, factType());
    }

    /**
     * Reads one stored fact (the JSON this service stored for it), checked as {@link #readFacts}
     * checks; {@code field} names it in errors.
     */
    default Object readStoredFact(FactReader reader, String field, String payload) {
        return reader.readStored(field, payload, factType());
    }

    /** What is written as JSON when the fact is stored: the fact itself for a Java record. */
    default Object storedForm(Object fact) {
        return fact;
    }
}
