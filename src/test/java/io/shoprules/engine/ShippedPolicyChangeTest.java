package io.shoprules.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operations own the policy: a copy of the shipped inventory rules with a longer cover target,
 * and its scenarios brought in line, passes the engine's own compile and scenario run. Nothing
 * here knows the shipped numbers; they are read from the rule file, so the test holds whatever
 * operations have set.
 */
@QuarkusTest
class ShippedPolicyChangeTest {

    private static final Pattern COVER_TARGET = Pattern.compile("coverTargetDays : int = (\\d+)");
    private static final Pattern PRESALE_BUFFER = Pattern.compile("presaleBuffer : BigDecimal = new BigDecimal\\(\"([0-9.]+)\"\\)");
    private static final String RESTOCK = "RESTOCK";

    private final YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Inject
    RuleSetCompiler compiler;
    @Inject
    ScenarioRunner runner;
    @Inject
    RuleSets ruleSets;

    @TempDir
    Path copy;

    @Test
    void aLongerCoverTargetPassesOnceItsScenariosAgree() throws IOException {
        Path rules = copyFolder(Path.of("rules", "inventory"), copy.resolve("rules"));
        Path scenarios = copyFolder(Path.of("scenarios", "inventory"), copy.resolve("scenarios"));

        String restock = Files.readString(rules.resolve("restock.drl"));
        Matcher target = COVER_TARGET.matcher(restock);
        Matcher buffer = PRESALE_BUFFER.matcher(restock);
        assertTrue(target.find(), "restock.drl declares coverTargetDays");
        assertTrue(buffer.find(), "restock.drl declares presaleBuffer");
        int longer = Integer.parseInt(target.group(1)) + 3;
        Files.writeString(rules.resolve("restock.drl"),
                target.replaceFirst(Matcher.quoteReplacement("coverTargetDays : int = " + longer)));

        RuleSetDefinition definition = ruleSets.definition("inventory");
        RuleSetSource edited = RuleSetSource.read("inventory", rules);
        CompiledRuleSet compiled = compiler.compile(edited, definition.globals(edited));

        List<String> caught = failing(runner.runAll(compiled, definition, RuleSetSource.readFiles(scenarios), noDeadline()));
        assertFalse(caught.isEmpty(), "the shipped scenarios notice a cover target of " + longer + " days");

        RestockOracle oracle = new RestockOracle(longer, new BigDecimal(buffer.group(1)));
        SortedMap<String, byte[]> adjusted = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : RuleSetSource.readFiles(scenarios).entrySet()) {
            adjusted.put(file.getKey(), yaml.writeValueAsBytes(oracle.adjust((ObjectNode) yaml.readTree(file.getValue()))));
        }
        List<ScenarioResult> results = runner.runAll(compiled, definition, adjusted, noDeadline());
        assertEquals(List.of(), failing(results), () -> results.stream()
                .flatMap(result -> result.failures().stream().map(failure -> result.file() + ": " + failure))
                .reduce("", (all, line) -> all + "\n" + line));
    }

    /** Scenario runs here are checked for outcomes, not time: a deadline no machine reaches. */
    private static long noDeadline() {
        return System.nanoTime() + Duration.ofHours(1).toNanos();
    }

    /**
     * What an operations engineer does by hand after changing the cover target: every RESTOCK
     * expectation gets the quantity the restock formula now gives, a restock that no longer happens
     * moves to {@code expectNone}, and one that now happens is expected.
     */
    record RestockOracle(int coverTargetDays, BigDecimal presaleBuffer) {

        ObjectNode adjust(ObjectNode scenario) {
            List<JsonNode> facts = list(scenario.get("facts"));
            Map<String, Long> restocks = new LinkedHashMap<>();
            for (JsonNode fact : facts) {
                Long quantity = quantity(fact);
                if (quantity != null) {
                    restocks.put(fact.get("skuId").asText(), quantity);
                }
            }

            boolean mentionedRestock = false;
            Map<String, ObjectNode> previous = new LinkedHashMap<>();
            ArrayNode expect = scenario.arrayNode();
            for (JsonNode want : list(scenario.get("expect"))) {
                if (RESTOCK.equals(want.path("type").asText())) {
                    mentionedRestock = true;
                    String subject = subjectOf(want, facts);
                    if (subject != null) {
                        previous.put(subject, (ObjectNode) want.deepCopy());
                    }
                } else {
                    expect.add(want);
                }
            }
            for (Map.Entry<String, Long> restock : restocks.entrySet()) {
                ObjectNode want = previous.getOrDefault(restock.getKey(), scenario.objectNode().put("type", RESTOCK));
                // Which of the two restock rules fires can move with the target; the numbers are the point here.
                want.remove("rule");
                want.put("subject", restock.getKey());
                want.put("quantity", restock.getValue());
                expect.add(want);
            }
            ArrayNode none = scenario.arrayNode();
            for (JsonNode forbidden : list(scenario.get("expectNone"))) {
                String type = forbidden.isObject() ? forbidden.path("type").asText() : forbidden.asText();
                if (RESTOCK.equals(type)) {
                    mentionedRestock = true;
                } else {
                    none.add(forbidden);
                }
            }
            if (mentionedRestock && restocks.isEmpty()) {
                none.add(RESTOCK);
            }
            scenario.set("expect", expect);
            scenario.set("expectNone", none);
            return scenario;
        }

        /** The restock formula with this target, or null when the SKU needs none. */
        private Long quantity(JsonNode sku) {
            BigDecimal daily = sku.get("avgDailySales").decimalValue();
            BigDecimal available = BigDecimal.valueOf(sku.get("onHand").asLong() + sku.path("inTransit").asLong(0));
            BigDecimal presale = BigDecimal.valueOf(sku.path("presaleDeposits").asLong(0)).multiply(presaleBuffer);
            BigDecimal cover = daily.multiply(BigDecimal.valueOf(coverTargetDays));
            boolean selling = daily.signum() > 0;
            boolean needed = selling && available.compareTo(cover) < 0
                    || presale.signum() > 0 && available.compareTo(cover.add(presale)) < 0;
            if (!needed) {
                return null;
            }
            BigDecimal safety = daily.multiply(BigDecimal.valueOf(sku.get("leadTimeDays").asLong()));
            return cover.add(presale).add(safety).subtract(available).setScale(0, RoundingMode.CEILING).longValueExact();
        }

        private static String subjectOf(JsonNode want, List<JsonNode> facts) {
            if (want.hasNonNull("subject")) {
                return want.get("subject").asText();
            }
            if (want.hasNonNull("skuId")) {
                return want.get("skuId").asText();
            }
            return facts.size() == 1 ? facts.get(0).get("skuId").asText() : null;
        }

        private static List<JsonNode> list(JsonNode node) {
            List<JsonNode> list = new ArrayList<>();
            if (node != null) {
                node.forEach(list::add);
            }
            return list;
        }
    }

    private static List<String> failing(List<ScenarioResult> results) {
        return results.stream().filter(result -> !result.passed()).map(ScenarioResult::file).toList();
    }

    private static Path copyFolder(Path from, Path parent) {
        Path to = parent.resolve(from.getFileName());
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
