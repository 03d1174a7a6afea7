package io.shoprules.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How much one evaluation of a rule set may do: wall time, rule firings and inserted facts. A rule
 * that re-fires itself, a consequence that inserts without end, or a loop in a function or a
 * constraint is stopped with an {@link EvaluationLimitException} naming the rule, instead of holding
 * a thread (and, in a reload, every other rule set) forever.
 *
 * <p>The generated code of a rule set calls {@link #check()} at the start of every method and on
 * every loop iteration ({@link RuleCodeCheck} puts the calls there). Once a limit is passed every
 * later check fails too, so rule code that catches the exception cannot go on.
 */
public final class EvaluationBudget {

    /** The limits of one evaluation; see {@code shoprules.evaluation.*}. */
    public record Limits(Duration maxTime, long maxFirings, long maxInsertions) {
    }

    private static final ThreadLocal<EvaluationBudget> CURRENT = new ThreadLocal<>();

    private final Limits limits;
    private final long deadline;
    private final Map<String, Long> firingsByRule = new HashMap<>();
    /** Updates and deletes by rule: a loop of firings is started by a rule that changes facts. */
    private final Map<String, Long> changesByRule = new HashMap<>();
    private long firings;
    private long insertions;
    private String firing;
    private String blamed;
    private String exceeded;

    private EvaluationBudget(Limits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxTime().toNanos();
    }

    /** Runs {@code work} on this thread with a fresh budget of {@code limits}. */
    static <T> T within(Limits limits, Work<T> work) {
        EvaluationBudget previous = CURRENT.get();
        EvaluationBudget budget = new EvaluationBudget(limits);
        CURRENT.set(budget);
        try {
            return work.run(budget);
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(EvaluationBudget budget);
    }

    /**
     * Called by the rule set's generated code; throws once the evaluation has run out of time or
     * passed another limit. Outside an evaluation (a class initialised elsewhere) it does nothing.
     */
    public static void check() {
        EvaluationBudget budget = CURRENT.get();
        if (budget != null) {
            budget.checkTime();
        }
    }

    private void checkTime() {
        if (exceeded == null && System.nanoTime() - deadline > 0) {
            String culprit = changesByRule.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse(firing);
            exceed("ran longer than " + limits.maxTime().toMillis() + " ms in one evaluation"
                    + (culprit == null ? "" : culprit.equals(firing) ? " (rule \"" + firing + "\" was firing)"
                    : " (rule \"" + culprit + "\" changed facts most often; \"" + firing + "\" was firing)"), culprit);
        }
        if (exceeded != null) {
            throw new EvaluationLimitException(exceeded);
        }
    }

    /** A rule is about to fire. */
    void firing(String rule) {
        firing = rule;
        long count = firingsByRule.merge(rule, 1L, Long::sum);
        if (++firings > limits.maxFirings()) {
            String culprit = changesByRule.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse(rule);
            exceed("fired rules more than " + limits.maxFirings() + " times in one evaluation; rule \"" + culprit
                    + "\" fired " + firingsByRule.getOrDefault(culprit, count) + " times"
                    + (changesByRule.containsKey(culprit) ? " and changed facts " + changesByRule.get(culprit)
                    + " times (does it change a fact it matches on?)" : ""), culprit);
        }
        checkTime();
    }

    /** A rule updated or deleted a fact. */
    void changed(String rule) {
        changesByRule.merge(rule, 1L, Long::sum);
        checkTime();
    }

    /** A rule inserted a fact. */
    void inserted(String rule) {
        if (++insertions > limits.maxInsertions()) {
            exceed("inserted more than " + limits.maxInsertions() + " facts in one evaluation"
                    + (rule == null ? "" : "; the last by rule \"" + rule + "\""), rule);
        }
        checkTime();
    }

    /** The rules that fired so far. */
    java.util.Set<String> firedRules() {
        return java.util.Set.copyOf(firingsByRule.keySet());
    }

    /** What was exceeded, or null while the evaluation is within its limits. */
    String exceeded() {
        return exceeded;
    }

    /** The rule to blame: the one firing when the limit was passed. */
    String rule() {
        return blamed;
    }

    private void exceed(String what, String rule) {
        if (exceeded == null) {
            blamed = rule;
            exceeded = what;
        }
        throw new EvaluationLimitException(exceeded);
    }
}
