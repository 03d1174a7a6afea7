package io.shoprules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.shoprules.errors.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Runs scenario files ({@code scenarios/<rule-set>/*.yaml}) against a compiled rule set. A scenario
 * gives {@code now}, {@code facts}, {@code expect} (decisions matched on the fields given; at least
 * these, or only these with {@code exactly: true}) and optionally {@code expectNone} (decision types
 * or partial decisions that must not appear).
 */
@ApplicationScoped
public class ScenarioRunner {

    private final ObjectMapper json;
    /** Decimals stay decimal: 0.3 must not become 0.29999999999999998. */
    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private final FactReader factReader;
    private final ZoneId shopZone;

    public ScenarioRunner(ObjectMapper json, FactReader factReader, EngineConfig config) {
        this.json = json;
        this.factReader = factReader;
        this.shopZone = config.shop().zone();
    }

    /** True for the files the runner reads as scenarios. */
    public static boolean isScenarioFile(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml");
    }

    /**
     * Runs every scenario file; those not started by {@code deadline} (a {@link System#nanoTime()}
     * value) fail as not run, so a rule set whose every scenario runs to its time limit still ends.
     */
    public List<ScenarioResult> runAll(CompiledRuleSet ruleSet, RuleSetDefinition definition,
                                       SortedMap<String, byte[]> scenarioFiles, long deadline) {
        List<ScenarioResult> results = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : scenarioFiles.entrySet()) {
            if (!isScenarioFile(file.getKey())) {
                continue;
            }
            if (System.nanoTime() - deadline > 0) {
                results.add(ScenarioResult.failed(file.getKey(),
                        List.of("not run: the scenarios of this edit ran past shoprules.rules.max-check-time")));
            } else {
                results.add(run(ruleSet, definition, file.getKey(), file.getValue()));
            }
        }
        return results;
    }

    public ScenarioResult run(CompiledRuleSet ruleSet, RuleSetDefinition definition, String file, byte[] content) {
        List<String> failures = new ArrayList<>();
        java.util.Set<String> fired = java.util.Set.of();
        List<JsonNode> actual = null;
        try {
            JsonNode scenario = read(content);
            if (scenario == null || !scenario.isObject()) {
                return ScenarioResult.failed(file, List.of("a scenario is a YAML mapping with now, facts and expect"));
            }
            if (definition == null) {
                return ScenarioResult.failed(file, List.of("rule set " + ruleSet.name() + " has no fact type: a Java definition or a type declared @fact"));
            }
            OffsetDateTime now = readNow(scenario.get("now"));
            List<?> facts = definition.readFacts(factReader, "facts", elements(scenario, "facts"));
            Evaluation evaluation = ruleSet.evaluate(new Now(now, shopZone), facts);
            fired = evaluation.firedRules();
            List<JsonNode> decided = new ArrayList<>();
            for (RuleDecision decision : evaluation.decisions()) {
                decided.add(json.valueToTree(decision));
            }
            actual = decided;
            checkExpected(elements(scenario, "expect"), exactly(scenario), actual, failures);
            checkNone(elements(scenario, "expectNone"), actual, failures);
        } catch (IOException e) {
            failures.add("cannot read YAML: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (InvalidInputException | IllegalArgumentException | RuleExecutionException e) {
            failures.add(e.getMessage());
        }
        return failures.isEmpty() ? ScenarioResult.passed(file, fired, actual)
                : ScenarioResult.failed(file, failures, fired, actual);
    }

    /** The scenario as the runner reads it (decimals as decimals); null for an empty file. */
    JsonNode read(byte[] content) throws IOException {
        return yaml.readTree(content);
    }

    private OffsetDateTime readNow(JsonNode now) {
        if (now == null || !now.isTextual()) {
            throw new IllegalArgumentException("now: an ISO-8601 time with offset is required");
        }
        try {
            return OffsetDateTime.parse(now.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("now: not an ISO-8601 time with offset: " + now.asText());
        }
    }

    private static List<JsonNode> elements(JsonNode scenario, String field) {
        JsonNode node = scenario.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + ": must be a list");
        }
        List<JsonNode> list = new ArrayList<>();
        node.forEach(list::add);
        return list;
    }

    /** {@code exactly: true}: the expected decisions are all there is. */
    private static boolean exactly(JsonNode scenario) {
        JsonNode exactly = scenario.get("exactly");
        if (exactly == null || exactly.isNull()) {
            return false;
        }
        if (!exactly.isBoolean()) {
            throw new IllegalArgumentException("exactly: must be true or false");
        }
        return exactly.booleanValue();
    }

    /**
     * Each expected decision must match a decision of its own (at least these); with {@code exactly}
     * no decision may be left unmatched either.
     */
    static void checkExpected(List<JsonNode> expected, boolean exactly, List<JsonNode> actual, List<String> failures) {
        List<JsonNode> unmatched = new ArrayList<>(actual);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            if (!want.isObject()) {
                failures.add("expect[" + i + "]: must be a mapping of decision fields");
                continue;
            }
            JsonNode match = unmatched.stream().filter(got -> matches(want, got)).findFirst().orElse(null);
            if (match == null) {
                failures.add("expected " + want + " but the decisions were " + actual);
            } else {
                unmatched.remove(match);
            }
        }
        if (exactly) {
            for (JsonNode extra : unmatched) {
                failures.add("expected exactly the decisions listed, but also got " + extra);
            }
        }
    }

    /**
     * {@code expectNone} entries are a decision type ({@code RESTOCK}) or a partial decision
     * ({@code {type: RESTOCK, urgency: STOCKOUT}}) matched like an {@code expect} entry; no decision
     * may match one.
     */
    static void checkNone(List<JsonNode> forbidden, List<JsonNode> actual, List<String> failures) {
        for (int i = 0; i < forbidden.size(); i++) {
            JsonNode none = forbidden.get(i);
            if (!none.isTextual() && !none.isObject()) {
                failures.add("expectNone[" + i + "]: must be a decision type or a mapping of decision fields");
                continue;
            }
            for (JsonNode got : actual) {
                boolean hit = none.isTextual() ? got.path("type").asText().equals(none.asText()) : matches(none, got);
                if (hit) {
                    failures.add("expected no " + (none.isTextual() ? none.asText() : none.toString()) + " but got " + got);
                }
            }
        }
    }

    /** Times written with different offsets still match when they name the same instant. */
    private static boolean sameInstant(String want, String got) {
        try {
            return OffsetDateTime.parse(want).isEqual(OffsetDateTime.parse(got));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** True when every field given in {@code want} has the same value in {@code got}. */
    static boolean matches(JsonNode want, JsonNode got) {
        if (want == null || want.isNull()) {
            return got == null || got.isNull() || got.isMissingNode();
        }
        if (got == null || got.isMissingNode()) {
            return false;
        }
        if (want.isNumber() && got.isNumber()) {
            return want.decimalValue().compareTo(got.decimalValue()) == 0;
        }
        if (want.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!matches(field.getValue(), got.get(field.getKey()))) {
                    return false;
                }
            }
            return got.isObject();
        }
        if (want.isArray()) {
            if (!got.isArray() || want.size() != got.size()) {
                return false;
            }
            ArrayNode wanted = (ArrayNode) want;
            for (int i = 0; i < wanted.size(); i++) {
                if (!matches(wanted.get(i), got.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isTextual() && got.isTextual()) {
            return want.asText().equals(got.asText()) || sameInstant(want.asText(), got.asText());
        }
        if (want.isTextual() && got.isNumber() || want.isNumber() && got.isTextual()) {
            return false;
        }
        return want.asText().equals(got.asText());
    }
}
