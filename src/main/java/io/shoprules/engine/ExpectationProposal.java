package io.shoprules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code expect} entries a scenario would need to pass against what a draft decides, written
 * so that a reviewer reads the change, not a rewrite:
 * <ul>
 *   <li>each entry gives the fields the scenario already named for that decision type, in the order
 *       it named them, plus the identifying fields {@code type}, {@code subject} and {@code rule};
 *       a type the scenario never named (it appears under {@code exactly: true}) gets all its fields;</li>
 *   <li>with {@code exactly: true} every decision is listed; without it, only decisions of the types
 *       the old entries named (all of them when an old entry named no type): "at least these" stays
 *       about what the scenario was about;</li>
 *   <li>entries follow the old entries' order (matched by type and subject), the rest sorted by
 *       type, subject and rule, so the same decisions always give the same text.</li>
 * </ul>
 */
final class ExpectationProposal {

    private static final List<String> IDENTIFYING = List.of("type", "subject", "rule");

    private ExpectationProposal() {
    }

    static List<JsonNode> entries(JsonNode scenario, List<JsonNode> decisions) {
        List<JsonNode> old = new ArrayList<>();
        JsonNode expect = scenario.get("expect");
        if (expect != null && expect.isArray()) {
            expect.forEach(entry -> {
                if (entry.isObject()) {
                    old.add(entry);
                }
            });
        }
        boolean exactly = scenario.path("exactly").asBoolean(false);
        Map<String, LinkedHashSet<String>> fieldsByType = new LinkedHashMap<>();
        LinkedHashSet<String> untyped = new LinkedHashSet<>();
        boolean anyUntyped = false;
        for (JsonNode entry : old) {
            JsonNode type = entry.get("type");
            Set<String> fields = type == null || !type.isTextual() ? untyped
                    : fieldsByType.computeIfAbsent(type.asText(), t -> new LinkedHashSet<>());
            anyUntyped |= fields == untyped;
            entry.fieldNames().forEachRemaining(fields::add);
        }

        List<JsonNode> remaining = new ArrayList<>();
        for (JsonNode decision : decisions) {
            String type = decision.path("type").asText();
            if (exactly || anyUntyped || fieldsByType.containsKey(type)) {
                remaining.add(decision);
            }
        }
        remaining.sort(Comparator.<JsonNode, String>comparing(d -> d.path("type").asText())
                .thenComparing(d -> d.path("subject").asText())
                .thenComparing(d -> d.path("rule").asText())
                .thenComparing(JsonNode::toString));
        List<JsonNode> ordered = new ArrayList<>();
        for (JsonNode entry : old) {
            for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
                JsonNode decision = it.next();
                if (sameField(entry, decision, "type") && sameField(entry, decision, "subject")) {
                    ordered.add(decision);
                    it.remove();
                    break;
                }
            }
        }
        ordered.addAll(remaining);

        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode decision : ordered) {
            String type = decision.path("type").asText();
            LinkedHashSet<String> named = new LinkedHashSet<>(fieldsByType.getOrDefault(type, new LinkedHashSet<>()));
            named.addAll(untyped);
            entries.add(entry(decision, fieldsByType.containsKey(type) || anyUntyped ? named : allFields(decision)));
        }
        return entries;
    }

    private static boolean sameField(JsonNode entry, JsonNode decision, String field) {
        JsonNode want = entry.get(field);
        return want == null || ScenarioRunner.matches(want, decision.get(field));
    }

    private static LinkedHashSet<String> allFields(JsonNode decision) {
        LinkedHashSet<String> fields = new LinkedHashSet<>();
        decision.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    /** The decision's values of the named fields, the identifying ones added where they read best. */
    private static JsonNode entry(JsonNode decision, LinkedHashSet<String> named) {
        List<String> order = new ArrayList<>(named);
        for (int i = 0; i < IDENTIFYING.size(); i++) {
            String field = IDENTIFYING.get(i);
            if (order.contains(field)) {
                continue;
            }
            int at = 0;
            for (int j = i - 1; j >= 0; j--) {
                int before = order.indexOf(IDENTIFYING.get(j));
                if (before >= 0) {
                    at = before + 1;
                    break;
                }
            }
            order.add(at, field);
        }
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        for (String field : order) {
            JsonNode value = decision.get(field);
            if (value != null) {
                entry.set(field, value);
            }
        }
        return entry;
    }
}
