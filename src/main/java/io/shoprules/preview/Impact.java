package io.shoprules.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.RuleDecision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a draft decides differently from the serving version, summed over the evaluations of a
 * preview. Decisions are matched by (type, subject): only the draft's is added, only the serving
 * version's is removed, both but with other fields (the rule aside) is changed. Not thread-safe:
 * one preview thread feeds it.
 */
final class Impact {

    static final int EXAMPLES_PER_TYPE = 20;

    private final ObjectMapper json;
    private final Map<List<String>, long[]> counts = new TreeMap<>(Comparator.<List<String>, String>comparing(key -> key.get(0))
            .thenComparing(key -> key.get(1)));
    private final Map<String, List<PreviewView.Example>> examples = new TreeMap<>();

    Impact(ObjectMapper json) {
        this.json = json;
    }

    void compare(Evaluation serving, Evaluation draft) {
        Map<List<String>, List<RuleDecision>> before = bySubject(serving.decisions());
        Map<List<String>, List<RuleDecision>> after = bySubject(draft.decisions());
        Set<List<String>> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (List<String> key : keys) {
            List<RuleDecision> was = before.getOrDefault(key, List.of());
            List<RuleDecision> is = after.getOrDefault(key, List.of());
            if (was.isEmpty()) {
                count(key, is.get(0).rule(), 0, "added", was, is);
            } else if (is.isEmpty()) {
                count(key, was.get(0).rule(), 1, "removed", was, is);
            } else if (!contents(was).equals(contents(is))) {
                count(key, is.get(0).rule(), 2, "changed", was, is);
            }
        }
    }

    List<PreviewView.Change> summary() {
        List<PreviewView.Change> summary = new ArrayList<>();
        counts.forEach((key, n) -> summary.add(new PreviewView.Change(key.get(0), key.get(1), n[0], n[1], n[2])));
        return summary;
    }

    List<PreviewView.Example> examples() {
        return examples.values().stream().flatMap(List::stream).toList();
    }

    private void count(List<String> key, String rule, int change, String name, List<RuleDecision> was, List<RuleDecision> is) {
        String type = key.get(0);
        counts.computeIfAbsent(List.of(type, rule), k -> new long[3])[change]++;
        List<PreviewView.Example> ofType = examples.computeIfAbsent(type, t -> new ArrayList<>());
        if (ofType.size() < EXAMPLES_PER_TYPE) {
            ofType.add(new PreviewView.Example(type, name, key.get(1), shown(was), shown(is)));
        }
    }

    private static Map<List<String>, List<RuleDecision>> bySubject(List<RuleDecision> decisions) {
        Map<List<String>, List<RuleDecision>> grouped = new LinkedHashMap<>();
        for (RuleDecision decision : decisions) {
            grouped.computeIfAbsent(List.of(decision.type(), String.valueOf(decision.subject())), k -> new ArrayList<>())
                    .add(decision);
        }
        return grouped;
    }

    /** The decisions' fields without the rule, in an order that does not depend on firing order. */
    private List<String> contents(List<RuleDecision> decisions) {
        List<String> contents = new ArrayList<>(decisions.size());
        for (RuleDecision decision : decisions) {
            contents.add(json.valueToTree(decision.decision()).toString());
        }
        contents.sort(null);
        return contents;
    }

    private JsonNode shown(List<RuleDecision> decisions) {
        if (decisions.isEmpty()) {
            return null;
        }
        if (decisions.size() == 1) {
            return json.valueToTree(decisions.get(0));
        }
        ArrayNode all = json.createArrayNode();
        decisions.forEach(decision -> all.add((JsonNode) json.valueToTree(decision)));
        return all;
    }
}
