package io.shoprules.engine;

import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How much one evaluation of a rule set may do: wall time, rule firings, inserted facts and
 * allocated memory. A rule that re-fires itself, a consequence that inserts without end, a loop in
 * a function or a constraint, or one that keeps what it allocates is stopped with an
 * {@link EvaluationLimitException} naming the rule, instead of holding a thread (and, in a reload,
 * every other rule set) forever or filling the heap every other request needs.
 *
 * <p>The generated code of a rule set calls {@link #check()} at the start of every method and on
 * every loop iteration ({@link RuleCodeCheck} puts the calls there). Once a limit is passed every
 * later check fails too, so rule code that catches the exception cannot go on.
 */
public final class EvaluationBudget {

    /**
     * The limits of one evaluation; see {@code shoprules.evaluation.*}. {@code maxAllocatedBytes}
     * counts every byte the evaluating thread allocates, garbage included.
     */
    public record Limits(Duration maxTime, long maxFirings, long maxInsertions, long maxAllocatedBytes) {
    }

    /**
     * The JVM's count of the bytes each thread allocated (HotSpot keeps it per thread, and reading
     * it costs less than reading the clock), or null on a JVM that does not count them: there the
     * allocation limit is not enforced.
     */
    private static final com.sun.management.ThreadMXBean ALLOCATIONS = allocationCounter();

    /**
     * The budget of the evaluation running on each thread, in a holder that stays in the thread's
     * map: setting and removing the thread-local around every evaluation made the map look for it
     * past other threads' entries (getEntryAfterMiss) and clean stale slots on every request.
     */
    private static final ThreadLocal<Running> CURRENT = ThreadLocal.withInitial(() -> new Running(Thread.currentThread()));
    /**
     * The holder of the thread that began an evaluation last, so that its checks (dozens per
     * evaluation) find their budget without the thread-local's hash look-up. Immutable and
     * published through its final fields: a thread that reads another's holder falls back to
     * {@link #CURRENT}.
     */
    private static Running lastBegun = new Running(null);
    /** The clock and the allocation count are read on every {@code CLOCK_EVERY}-th check, and on every firing, change and insertion. */
    private static final int CLOCK_EVERY = 64;

    private static final class Running {
        final Thread thread;
        EvaluationBudget budget;

        Running(Thread thread) {
            this.thread = thread;
        }
    }

    private final Limits limits;
    private final long deadline;
    private final long allocatedBefore;
    private final Map<String, Long> firingsByRule = new HashMap<>();
    /** Updates and deletes by rule: a loop of firings is started by a rule that changes facts. */
    private final Map<String, Long> changesByRule = new HashMap<>();
    private long firings;
    private int checks;
    private long insertions;
    private String firing;
    private String blamed;
    private String exceeded;

    private EvaluationBudget(Limits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxTime().toNanos();
        this.allocatedBefore = allocatedSoFar();
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            threads.setThreadAllocatedMemoryEnabled(true);
            return threads;
        }
        Logger.getLogger(EvaluationBudget.class).warn("this JVM does not count the memory each thread allocates:"
                + " shoprules.evaluation.max-allocation is not enforced");
        return null;
    }

    /** Bytes the current thread has allocated since it started; 0 where the JVM does not count them. */
    private static long allocatedSoFar() {
        return ALLOCATIONS == null ? 0 : ALLOCATIONS.getCurrentThreadAllocatedBytes();
    }

    /** Runs {@code work} on this thread with a fresh budget of {@code limits}. */
    static <T> T within(Limits limits, Work<T> work) {
        Running running = CURRENT.get();
        lastBegun = running;
        EvaluationBudget previous = running.budget;
        EvaluationBudget budget = new EvaluationBudget(limits);
        running.budget = budget;
        try {
            return work.run(budget);
        } finally {
            running.budget = previous;
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
        Running running = lastBegun;
        if (running.thread != Thread.currentThread()) {
            running = CURRENT.get();
        }
        EvaluationBudget budget = running.budget;
        if (budget != null) {
            budget.checkOften();
        }
    }

    /**
     * A loop in rule code calls this on every iteration, so reading the clock each time cost more
     * than the loop's work; a limit already passed still fails every call.
     */
    private void checkOften() {
        if (exceeded != null || ++checks % CLOCK_EVERY == 0) {
            checkTimeAndMemory();
        }
    }

    /** Checks the limits that grow without a firing or an insertion: time and allocated memory. */
    private void checkTimeAndMemory() {
        if (exceeded == null && System.nanoTime() - deadline > 0) {
            exceed("ran longer than " + limits.maxTime().toMillis() + " ms in one evaluation" + blame(), mostChanging());
        }
        if (exceeded == null && allocatedSoFar() - allocatedBefore > limits.maxAllocatedBytes()) {
            exceed("allocated more than " + limits.maxAllocatedBytes() / (1024 * 1024) + " MiB in one evaluation"
                    + blame(), mostChanging());
        }
        if (exceeded != null) {
            throw new EvaluationLimitException(exceeded);
        }
    }

    /** The rule that changed facts most often, else the one firing: a loop of firings is started by a change. */
    private String mostChanging() {
        return changesByRule.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(firing);
    }

    private String blame() {
        String culprit = mostChanging();
        return culprit == null ? "" : culprit.equals(firing) ? " (rule \"" + firing + "\" was firing)"
                : " (rule \"" + culprit + "\" changed facts most often; \"" + firing + "\" was firing)";
    }

    /** A rule is about to fire. */
    void firing(String rule) {
        firing = rule;
        long count = firingsByRule.merge(rule, 1L, Long::sum);
        if (++firings > limits.maxFirings()) {
            String culprit = mostChanging();
            exceed("fired rules more than " + limits.maxFirings() + " times in one evaluation; rule \"" + culprit
                    + "\" fired " + firingsByRule.getOrDefault(culprit, count) + " times"
                    + (changesByRule.containsKey(culprit) ? " and changed facts " + changesByRule.get(culprit)
                    + " times (does it change a fact it matches on?)" : ""), culprit);
        }
        checkTimeAndMemory();
    }

    /** A rule updated or deleted a fact. */
    void changed(String rule) {
        changesByRule.merge(rule, 1L, Long::sum);
        checkTimeAndMemory();
    }

    /** A rule inserted a fact. */
    void inserted(String rule) {
        if (++insertions > limits.maxInsertions()) {
            exceed("inserted more than " + limits.maxInsertions() + " facts in one evaluation"
                    + (rule == null ? "" : "; the last by rule \"" + rule + "\""), rule);
        }
        checkTimeAndMemory();
    }

    /** The rules that fired so far. */
    java.util.Set<String> firedRules() {
        return java.util.Collections.unmodifiableSet(firingsByRule.keySet());
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
