package io.shoprules.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A type declared {@code @policy} is made once per compiled version and is in every evaluation;
 * a policy whose defaults cannot be evaluated rejects the version instead of failing requests.
 */
public class PolicyFactTest {

    /** Counts how often a policy's default is evaluated, i.e. how often the policy is made. */
    public static final class Counter {
        static final AtomicInteger MADE = new AtomicInteger();

        private Counter() {
        }

        public static int next() {
            return MADE.incrementAndGet();
        }
    }

    /** What the test rule reports: the number the policy carries. */
    public record PolicySeen(String subject, int made, int threshold) implements Decision {
        @Override
        public String type() {
            return "POLICY_SEEN";
        }
    }

    private static final String RULES = """
            package io.shoprules.rules.test;
            import io.shoprules.engine.PolicyFactTest.Counter;
            import io.shoprules.engine.PolicyFactTest.PolicySeen;

            declare TestPolicy
                @policy
                made : int = Counter.next()
                threshold : int = 7
            end

            rule "report the policy"
            when
                $policy : TestPolicy()
                $fact : String()
            then
                insert(new PolicySeen($fact, $policy.getMade(), $policy.getThreshold()));
            end
            """;

    private final Now now = new Now(OffsetDateTime.parse("2026-03-10T10:00:00+08:00"), ZoneId.of("Asia/Shanghai"));

    static final EvaluationBudget.Limits LIMITS = new EvaluationBudget.Limits(Duration.ofSeconds(5), 10_000, 10_000, Long.MAX_VALUE);

    private static CompiledRuleSet compile(String drl) {
        RuleSetCompiler compiler = new RuleSetCompiler(new RuleTextCheck(Set.of("io.shoprules.engine")), LIMITS);
        return compiler.compile(new RuleSetSource("test", Map.of("test.drl", drl.getBytes(StandardCharsets.UTF_8))), Map.of());
    }

    @Test
    void policyIsMadeOncePerVersionAndSeenByEveryEvaluation() {
        int before = Counter.MADE.get();
        CompiledRuleSet rules = compile(RULES);
        assertEquals(before + 1, Counter.MADE.get(), "made once when the version is compiled");

        for (int i = 0; i < 5; i++) {
            List<RuleDecision> decisions = rules.evaluate(now, List.of("fact-" + i)).decisions();
            assertEquals(1, decisions.size());
            PolicySeen seen = (PolicySeen) decisions.get(0).decision();
            assertEquals(before + 1, seen.made());
            assertEquals(7, seen.threshold());
        }
        assertEquals(before + 1, Counter.MADE.get(), "evaluations reuse the version's policy");

        compile(RULES);
        assertEquals(before + 2, Counter.MADE.get(), "a new version makes its own");
    }

    @Test
    void policyWhoseDefaultsCannotBeEvaluatedRejectsTheVersion() {
        String broken = RULES.replace("threshold : int = 7",
                "threshold : int = 7\n    buffer : java.math.BigDecimal = new java.math.BigDecimal(\"seven\")");
        RuleSetRejectedException rejected = assertThrows(RuleSetRejectedException.class, () -> compile(broken));
        String errors = rejected.errors().toString();
        assertTrue(errors.contains("TestPolicy could not be made from its defaults"), errors);
    }
}
