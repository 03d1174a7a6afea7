package io.shoprules.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluations of one version share kept sessions (or, where the rules do not allow it, fresh
 * ones): either way each evaluation decides on its own facts alone, as if it were the first.
 */
public class KeptSessionTest {

    /** What the fixture rules decide: about {@code subject}, a count of what they saw. */
    public record Counted(String subject, long count) implements Decision {
        @Override
        public String type() {
            return "COUNTED";
        }
    }

    private static final String HEADER = """
            package io.shoprules.rules.test;
            import io.shoprules.engine.KeptSessionTest.Counted;

            declare TestPolicy
                @policy
                label : String = "policy"
            end
            """;

    /** Every match holds a request fact: these rules run in kept sessions. */
    private static final String ANCHORED = HEADER + """
            rule "count the words beside each number"
            when
                $number : Integer()
                accumulate( String(); $words : count() )
            then
                insert(new Counted("number " + $number, $words));
            end

            rule "a word is seen with the policy"
            when
                $policy : TestPolicy()
                $word : String()
            then
                insert(new Counted($policy.getLabel() + " " + $word, 1));
            end

            rule "a number counts up without end"
            when
                String( this == "runaway" )
                $number : Integer()
            then
                insert(Integer.valueOf($number + 1));
            end
            """;

    /** A rule that matches with no request fact at all: these rules run in fresh sessions. */
    private static final String UNANCHORED = HEADER + """
            rule "no word at all"
            when
                $policy : TestPolicy()
                not String()
            then
                insert(new Counted("no word", 0));
            end

            rule "a word"
            when
                $word : String()
            then
                insert(new Counted($word, 1));
            end
            """;

    private final Now now = new Now(OffsetDateTime.parse("2026-03-10T10:00:00+08:00"), ZoneId.of("Asia/Shanghai"));

    private static CompiledRuleSet compile(String drl) {
        RuleSetCompiler compiler = new RuleSetCompiler(new RuleTextCheck(Set.of("io.shoprules.engine")), PolicyFactTest.LIMITS);
        return compiler.compile(new RuleSetSource("test", Map.of("test.drl", drl.getBytes(StandardCharsets.UTF_8))), Map.of());
    }

    private List<String> decided(CompiledRuleSet rules, List<?> facts) {
        return rules.evaluate(now, facts).decisions().stream()
                .map(d -> d.decision().subject() + "=" + ((Counted) d.decision()).count()).sorted().toList();
    }

    @Test
    void rulesWhoseMatchesAllHoldARequestFactKeepTheirSessions() {
        assertTrue(compile(ANCHORED).keepsSessions());
        assertFalse(compile(UNANCHORED).keepsSessions(), "a rule on the policy alone would fire once per session");
    }

    @Test
    void anEvaluationSeesNoFactOfTheOneBefore() {
        CompiledRuleSet rules = compile(ANCHORED);
        assertEquals(List.of("number 1=2", "policy a=1", "policy b=1"), decided(rules, List.of(1, "a", "b")));
        assertEquals(List.of("number 2=1", "policy c=1"), decided(rules, List.of(2, "c")));
        assertEquals(List.of("number 3=0"), decided(rules, List.of(3)));
    }

    @Test
    void theSameFactsDecideTheSameEveryTime() {
        CompiledRuleSet rules = compile(ANCHORED);
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of("number 1=1", "policy a=1"), decided(rules, List.of(1, "a")), "evaluation " + i);
        }
    }

    @Test
    void aRuleThatMatchesWithoutARequestFactFiresInEveryEvaluation() {
        CompiledRuleSet rules = compile(UNANCHORED);
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("no word=0"), decided(rules, List.of(7)), "evaluation " + i);
            assertEquals(List.of("w" + i + "=1"), decided(rules, List.of("w" + i)), "evaluation " + i);
        }
    }

    @Test
    void anEvaluationStoppedByALimitLeavesTheNextOnesAsTheyWere() {
        CompiledRuleSet rules = compile(ANCHORED);
        assertEquals(List.of("number 1=1", "policy a=1"), decided(rules, List.of(1, "a")));
        RuleLimitException stopped = assertThrows(RuleLimitException.class,
                () -> rules.evaluate(now, List.of("runaway", 1)));
        assertTrue(stopped.getMessage().contains("a number counts up without end"), stopped.getMessage());
        assertEquals(List.of("number 1=1", "policy a=1"), decided(rules, List.of(1, "a")));
        assertEquals(List.of("number 5=0"), decided(rules, List.of(5)));
    }

    @Test
    void aBatchLargerThanAKeptSessionTakesIsDecidedAsWell() {
        CompiledRuleSet rules = compile(ANCHORED);
        assertEquals(List.of("number 1=1", "policy a=1"), decided(rules, List.of(1, "a")));
        List<Object> batch = new ArrayList<>(List.of(2));
        for (int i = 0; i < WarmSessions.MAX_FACTS; i++) {
            batch.add("w" + i);
        }
        List<String> decided = decided(rules, batch);
        assertEquals(WarmSessions.MAX_FACTS + 1, decided.size());
        assertTrue(decided.contains("number 2=" + WarmSessions.MAX_FACTS), decided.toString());
        assertEquals(List.of("number 3=1", "policy b=1"), decided(rules, List.of(3, "b")));
    }

    @Test
    void concurrentEvaluationsDecideEachOnTheirOwnFacts() throws Exception {
        CompiledRuleSet rules = compile(ANCHORED);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                wrong.add(threads.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        int number = thread * 1000 + i;
                        List<String> expected = List.of("number " + number + "=1", "policy w" + number + "=1");
                        List<String> got = decided(rules, List.of(number, "w" + number));
                        if (!expected.equals(got)) {
                            mismatches.add(expected + " != " + got);
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> mismatches : wrong) {
                assertEquals(List.of(), mismatches.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Holds the evaluations of {@link #HELD} until the test lets them go: they overlap for certain. */
    public static final class Gate {
        static volatile CountDownLatch open = new CountDownLatch(0);
        static final AtomicInteger WAITING = new AtomicInteger();

        private Gate() {
        }

        public static boolean pass() {
            WAITING.incrementAndGet();
            try {
                return open.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static final String HELD = HEADER + """
            rule "a word waits at the gate"
            when
                $word : String( io.shoprules.engine.KeptSessionTest.Gate.pass() )
            then
                insert(new Counted($word, 1));
            end
            """;

    @Test
    void aBurstOfEvaluationsLeavesNoMoreSessionsKeptThanTheCap() throws Exception {
        CompiledRuleSet rules = compile(HELD);
        assertTrue(rules.keepsSessions());
        int burst = WarmSessions.MAX_IDLE + 8;
        Gate.open = new CountDownLatch(1);
        Gate.WAITING.set(0);
        ExecutorService threads = Executors.newFixedThreadPool(burst);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String word = "w" + i;
                answers.add(threads.submit(() -> decided(rules, List.of(word))));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (Gate.WAITING.get() < burst && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(burst, Gate.WAITING.get(), "every evaluation holds a session at the gate");
            Gate.open.countDown();
            for (int i = 0; i < burst; i++) {
                assertEquals(List.of("w" + i + "=1"), answers.get(i).get());
            }
        } finally {
            Gate.open.countDown();
            threads.shutdownNow();
        }

        assertEquals(WarmSessions.MAX_IDLE, rules.idleKeptSessions());
        assertEquals(List.of("again=1"), decided(rules, List.of("again")), "a kept session still decides");
    }
}
