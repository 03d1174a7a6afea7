package io.shoprules.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoprules.engine.ScenarioText;
import io.shoprules.errors.ConflictException;
import io.shoprules.errors.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the REST request behind a logged decision into a scenario: its {@code now}, its facts as
 * the service read them (defaults filled in, absent fields left out) and every decision it earned
 * as {@code expect}, with {@code exactly: true}. Written, not stored: the caller adds it to
 * {@code scenarios/<rule-set>/}, or to a draft.
 */
@ApplicationScoped
public class DecisionScenarios {

    private static final List<String> IDENTIFYING = List.of("type", "subject", "rule");

    private final DecisionLog log;
    private final InputLog inputs;
    private final InputsConfig config;
    private final ObjectMapper json;

    public DecisionScenarios(DecisionLog log, InputLog inputs, InputsConfig config, ObjectMapper json) {
        this.log = log;
        this.inputs = inputs;
        this.config = config;
        this.json = json;
    }

    /** A scenario file, its suggested name and the YAML. */
    public record Scenario(long decisionId, String ruleSet, String file, String yaml) {
    }

    /**
     * @throws NotFoundException when no decision has that id
     * @throws ConflictException when the decision came from a job, or its request's input is no longer recorded
     */
    public Scenario of(long decisionId) {
        DecisionLogEntry decision = DecisionLogEntry.findById(decisionId);
        if (decision == null) {
            throw new NotFoundException("no decision " + decisionId + " in the decision log", "id");
        }
        if (DecisionSource.JOB.name().equals(decision.source)) {
            throw new ConflictException("decision " + decisionId + " was made by the scheduled " + decision.ruleSet
                    + " job from stored facts, whose input is not recorded: the stored fact is GET /api/facts/"
                    + decision.ruleSet + "/" + decision.subject + " (as it is now, which may differ from what the job read"
                    + " at " + decision.evaluatedAt + "); write the scenario from it", "id");
        }
        List<RecordedInput> rows = decision.requestId == null ? List.of() : inputs.ofRequest(decision.requestId);
        if (rows.isEmpty()) {
            throw new ConflictException("the request behind decision " + decisionId + " is no longer recorded: inputs are"
                    + " kept shoprules.inputs.retention-days (" + config.retentionDays() + " days)"
                    + (config.enabled() ? "" : ", and recording is off (shoprules.inputs.enabled=false)")
                    + ", and a request queued when the recorder was full is not kept", "id");
        }
        List<DecisionLogEntry> earned = log.ofRequest(decision.requestId, decision.decidedAt);
        String yaml = yaml(decision, rows, earned);
        String file = "decision-" + decisionId + "-" + decision.type.toLowerCase(Locale.ROOT).replace('_', '-') + ".yaml";
        return new Scenario(decisionId, decision.ruleSet, file, yaml);
    }

    private String yaml(DecisionLogEntry decision, List<RecordedInput> rows, List<DecisionLogEntry> earned) {
        StringBuilder yaml = new StringBuilder()
                .append("# From decision ").append(decision.id).append(" (").append(decision.type).append(" about ")
                .append(oneLine(decision.subject)).append(", version ").append(decision.version)
                .append("): the REST request as recorded ").append(rows.get(0).receivedAt()).append('\n')
                .append("# and every decision it earned. Replace this line with the arithmetic.\n")
                .append("now: ").append(ScenarioText.flow(json.getNodeFactory().textNode(rows.get(0).now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))))
                .append('\n')
                .append("facts:\n");
        for (RecordedInput row : rows) {
            for (JsonNode fact : read(row.facts())) {
                yaml.append("- ").append(ScenarioText.flow(withoutNulls(fact))).append('\n');
            }
        }
        yaml.append("exactly: true            # the decisions the request earned, all of them\n");
        yaml.append(earned.isEmpty() ? "expect: []\n" : "expect:\n");
        for (DecisionLogEntry entry : earned) {
            for (JsonNode earnedDecision : log.decisionsOf(entry)) {
                if (earnedDecision.has(DecisionLog.OMITTED)) {
                    throw new ConflictException("a " + entry.type + " decision this request earned is not kept whole in"
                            + " the decision log (" + earnedDecision.get(DecisionLog.OMITTED).asText()
                            + "), so no scenario can expect it", "id");
                }
                yaml.append("- ").append(ScenarioText.flow(identifyingFirst(earnedDecision))).append('\n');
            }
        }
        return yaml.toString();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded input or decision is not readable JSON", e);
        }
    }

    /** A field the request left out reads as null: leaving it out keeps the facts as short as they were asked. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = ((com.fasterxml.jackson.databind.node.ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        return node;
    }

    /** type, subject and rule first, then the decision's fields as it lists them. */
    private static JsonNode identifyingFirst(JsonNode decision) {
        ObjectNode ordered = ((ObjectNode) decision).objectNode();
        List<String> rest = new ArrayList<>();
        decision.fieldNames().forEachRemaining(rest::add);
        for (String field : IDENTIFYING) {
            if (decision.has(field)) {
                ordered.set(field, decision.get(field));
            }
        }
        for (String field : rest) {
            if (!IDENTIFYING.contains(field)) {
                ordered.set(field, decision.get(field));
            }
        }
        return ordered;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]", " ");
    }
}
