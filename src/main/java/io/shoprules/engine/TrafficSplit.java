package io.shoprules.engine;

import java.util.List;
import java.util.Map;

/**
 * Splits the facts of one evaluation among versions of a rule set: the serving one and others a
 * feature runs beside it (an experiment's challenger). The engine knows no such feature: with no
 * bean implementing this, or when it answers null, the serving version decides every fact.
 */
public interface TrafficSplit {

    /**
     * The facts in parts, each decided by one version; null when {@code serving} decides them all
     * untagged. Every fact must be in exactly one part.
     */
    List<Part> split(CompiledRuleSet serving, List<?> facts);

    /**
     * Facts decided by one version. Their decisions carry that version and an {@link Assignment}
     * of {@code experiment} and {@code variant}, whose subject is looked up in {@code subjects} by
     * the decision's subject, else by its fact ids.
     *
     * @param subjects fact id to the value that placed the fact in this part
     */
    record Part(CompiledRuleSet version, List<?> facts, String experiment, String variant, Map<String, String> subjects) {

        Assignment assignmentOf(Decision decision) {
            String subject = subjects.get(decision.subject());
            if (subject == null) {
                for (String factId : decision.factIds()) {
                    subject = subjects.get(factId);
                    if (subject != null) {
                        break;
                    }
                }
            }
            return new Assignment(experiment, variant, subject);
        }
    }
}
