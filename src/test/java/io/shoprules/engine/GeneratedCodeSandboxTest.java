package io.shoprules.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox holds on the compiled rules alone: with the text check switched off, every way out
 * is refused by the check of the generated classes, before anything of the rule set runs; and
 * rules that would run forever are stopped by the evaluation's budget, naming the rule.
 */
public class GeneratedCodeSandboxTest {

    /** What an evaluation here may allocate: far more than an ordinary rule needs, far less than the test's heap. */
    private static final long MAX_ALLOCATED = 64L * 1024 * 1024;
    /** Endless rules run this long before they are stopped. */
    private static final EvaluationBudget.Limits TIGHT = new EvaluationBudget.Limits(Duration.ofMillis(500), 5_000, 5_000, MAX_ALLOCATED);
    /** Ordinary rules on a busy machine: the first evaluation loads and compiles classes. */
    private static final EvaluationBudget.Limits ROOMY = new EvaluationBudget.Limits(Duration.ofMinutes(1), 5_000, 5_000, MAX_ALLOCATED);
    private static final Now NOW = new Now(OffsetDateTime.parse("2026-03-10T10:00:00+08:00"), ZoneId.of("Asia/Shanghai"));

    private static final String HEADER = """
            package io.shoprules.rules.sandbox;
            import io.shoprules.engine.PolicyFactTest.PolicySeen;
            """;

    private static HostileRuleFile consequence(String name, String java, String refused) {
        return HostileRuleFile.consequence(HEADER, "String", name, java, refused);
    }

    static Stream<HostileRuleFile> hostileFiles() {
        return Stream.of(
                consequence("comments inside a qualified name", """
                        Object in = java/**/.net/**/.URI.create("file:///etc/hostname").toURL().openStream();""",
                        "java.net.URI"),
                consequence("comments inside a qualified name, reflection", """
                        Object e = new java/**/.beans/**/.Expression(null, "exit", null);""", "java.beans.Expression"),
                consequence("a Formatter writes a file", "new java.util.Formatter(\"/tmp/shoprules-owned\");",
                        "java.util.Formatter"),
                consequence("exit the JVM", "System.exit(0);", "java.lang.System.exit"),
                consequence("the console", "System.out.println(\"x\");", "java.lang.System.out"),
                consequence("run a command", "Runtime.getRuntime().exec(\"id\");", "Runtime"),
                consequence("start a process", "new ProcessBuilder(\"id\").start();", "java.lang.ProcessBuilder"),
                consequence("start a thread", "new Thread(() -> {}).start();", "java.lang.Thread"),
                consequence("load a class by name", "Class.forName(\"java.lang.Runtime\");", "java.lang.Class.forName"),
                consequence("reflection from a fact", "$s.getClass().getMethods();", "getClass"),
                consequence("reflection from a class literal", "String.class.getMethods();", "java.lang.Class.getMethods"),
                consequence("a method reference to the runtime",
                        "java.util.function.Supplier r = java.lang.Runtime::getRuntime; r.get();", "Runtime.getRuntime"),
                consequence("read a file", "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));",
                        "java.nio.file"),
                consequence("an executor", "java.util.concurrent.Executors.newSingleThreadExecutor();",
                        "java.util.concurrent.Executors"),
                consequence("a system property", "Integer.getInteger(\"user.home\");", "java.lang.Integer.getInteger"),
                consequence("the JVM's default time zone",
                        "java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(\"UTC\"));", "setDefault"),
                consequence("the knowledge context", "kcontext.getKieRuntime().getKieBase();", "org.kie.api.runtime"),
                consequence("the engine behind drools",
                        "drools.getRuntime(org.kie.api.runtime.KieRuntime.class);", "getRuntime"),
                consequence("method handles", "java.lang.invoke.MethodHandles.lookup();", "java.lang.invoke.MethodHandles"),
                consequence("unicode-escaped System", "\\u0053ystem.exit(1);", "java.lang.System.exit"),
                new HostileRuleFile("in a function", HEADER + """
                        function void wipe() {
                            java.lang.Runtime.getRuntime().exec("rm -rf /tmp/x");
                        }
                        rule "calls it" when String() then wipe(); end
                        """, "Runtime"),
                new HostileRuleFile("in a condition", HEADER + """
                        rule "condition"
                        when
                            $s : String( java.lang.System.getenv("HOME") != null )
                        then
                        end
                        """, "java.lang.System.getenv"),
                new HostileRuleFile("MVEL dialect property access", HEADER + """
                        rule "mvel"
                            dialect "mvel"
                        when
                            $s : String()
                        then
                            Runtime.getRuntime().availableProcessors();
                        end
                        """, "java.lang.Runtime.getRuntime"),
                consequence("a regular expression that backtracks for hours",
                        "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\".matches(\"(a+)+b\");", "java.lang.String.matches"),
                new HostileRuleFile("in an accumulate", HEADER + """
                        rule "accumulate"
                        when
                            $n : Number() from accumulate( String(),
                                init( Object o = java.lang.Runtime.getRuntime(); int c = 0; ),
                                action( c++; ), result( c ) )
                        then
                        end
                        """, "accumulate with inline code"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void generatedCodeThatReachesOutsideIsRefusedWithoutTheTextCheck(HostileRuleFile hostile) {
        RuleSetRejectedException rejected = assertThrows(RuleSetRejectedException.class, () -> compile(hostile.drl()));

        List<RuleFileError> refusals = rejected.errors().stream()
                .filter(e -> e.message().startsWith("forbidden in rule files")).toList();
        assertFalse(refusals.isEmpty(), rejected.errors()::toString);
        assertTrue(refusals.stream().anyMatch(e -> e.message().contains(hostile.refused())), refusals::toString);
        assertTrue(refusals.stream().anyMatch(e -> "hostile.drl".equals(e.file()) && e.line() != null), refusals::toString);
    }

    @Test
    void aPolicyDefaultIsCheckedBeforeItIsEvaluated() {
        Formatters.MADE.set(0);
        String drl = HEADER + """
                declare HostilePolicy
                    @policy
                    out : Object = io.shoprules.engine.GeneratedCodeSandboxTest.Formatters.make()
                end
                """;

        RuleSetRejectedException rejected = assertThrows(RuleSetRejectedException.class,
                () -> RuleSetCompiler.withoutTextCheck(Set.of("io.shoprules.inventory"), TIGHT).compile(
                        new RuleSetSource("sandbox", Map.of("hostile.drl", drl.getBytes(StandardCharsets.UTF_8))), Map.of()));

        assertTrue(rejected.getMessage().contains("GeneratedCodeSandboxTest$Formatters.make"), rejected::getMessage);
        assertEquals(0, Formatters.MADE.get(), "the default ran before the check");
    }

    /** Stands for any type outside the allow-list whose use has an effect; counts its uses. */
    public static final class Formatters {
        static final java.util.concurrent.atomic.AtomicInteger MADE = new java.util.concurrent.atomic.AtomicInteger();

        private Formatters() {
        }

        public static Object make() {
            return MADE.incrementAndGet();
        }
    }

    @Test
    void ordinaryRulesRunInsideTheSandbox() {
        CompiledRuleSet rules = compile(ROOMY, HEADER + """
                import java.math.BigDecimal;
                import java.util.List;
                function int twice(int x) { int sum = 0; for (int i = 0; i < 2; i++) { sum += x; } return sum; }
                rule "ordinary: java.time, java.math, java.util, a function with a loop, a lambda"
                when
                    $s : String( length > 0 )
                then
                    BigDecimal x = BigDecimal.valueOf($s.length()).multiply(new BigDecimal("1.5"));
                    List<String> parts = java.util.stream.Stream.of($s, String.valueOf(x))
                            .map(p -> p.toUpperCase()).toList();
                    insert(new PolicySeen(String.join("|", parts), twice(3), NOW_DAYS()));
                end
                function int NOW_DAYS() { return java.time.LocalDate.of(2026, 1, 1).getDayOfMonth(); }
                """);

        List<RuleDecision> decisions = rules.evaluate(NOW, List.of("ab")).decisions();

        assertEquals(1, decisions.size());
        assertEquals(new PolicyFactTest.PolicySeen("AB|3.0", 6, 1), decisions.get(0).decision());
    }

    static Stream<HostileRuleFile> endlessRules() {
        return Stream.of(
                new HostileRuleFile("a rule that re-fires itself", HEADER + """
                        rule "re-fires itself"
                        when
                            $s : String()
                        then
                            update($s);
                        end
                        """, "fired rules more than"),
                new HostileRuleFile("an endless loop in a consequence", HEADER + """
                        rule "spins"
                        when
                            $s : String()
                        then
                            long n = 0;
                            while (n >= 0) { n = n + 1; if (n == Long.MAX_VALUE) { n = 0; } }
                        end
                        """, "ran longer than"),
                new HostileRuleFile("an endless loop that catches what stops it", HEADER + """
                        rule "spins and catches"
                        when
                            $s : String()
                        then
                            int rounds = 0;
                            while (rounds >= 0) {
                                try { while (rounds >= 0) { rounds = (rounds + 1) % 1000; } }
                                catch (Throwable caught) { rounds = 0; }
                            }
                        end
                        """, "ran longer than"),
                new HostileRuleFile("an endless loop in a function called by a condition", HEADER + """
                        function boolean never(String s) { int i = 0; while (i >= 0) { i = (i + 1) % 1000; } return true; }
                        rule "never decides"
                        when
                            $s : String( never(this) )
                        then
                        end
                        """, "ran longer than"),
                new HostileRuleFile("a consequence that inserts without end", HEADER + """
                        rule "floods"
                        when
                            $s : String()
                        then
                            for (int i = 0; i >= 0; i++) { insert(Integer.valueOf(i)); }
                        end
                        """, "inserted more than"),
                new HostileRuleFile("a consequence that keeps what it allocates", HEADER + """
                        rule "hoards"
                        when
                            $s : String()
                        then
                            java.util.List<long[]> kept = new java.util.ArrayList<>();
                            while (kept.size() >= 0) { kept.add(new long[1024]); }
                        end
                        """, "allocated more than"),
                // 16 MiB a firing: the firing and insertion caps alone would let it take 80 GiB
                new HostileRuleFile("a rule that re-fires itself inserting a large array each time", HEADER + """
                        rule "hoards by firing"
                        when
                            $s : String()
                        then
                            insert(new long[2 * 1024 * 1024]);
                            update($s);
                        end
                        """, "allocated more than"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endlessRules")
    void rulesThatWouldRunForeverAreStoppedNamingTheRule(HostileRuleFile endless) {
        // the firing and insertion caps are proved with time to spare, so a slow machine meets them first
        boolean countedLimit = !endless.refused().equals("ran longer than");
        CompiledRuleSet rules = compile(countedLimit ? ROOMY : TIGHT, endless.drl());

        RuleLimitException stopped = assertThrows(RuleLimitException.class, () -> rules.evaluate(NOW, List.of("fact")));

        assertTrue(stopped.getMessage().contains(endless.refused()), stopped::getMessage);
        String rule = endless.drl().lines().filter(l -> l.startsWith("rule ")).findFirst().orElseThrow()
                .replaceAll("rule \"(.*)\"", "$1");
        if (!endless.name().contains("condition")) {
            assertEquals(rule, stopped.rule(), stopped::getMessage);
        }
        // a stopped evaluation leaves the version usable for the next one
        assertThrows(RuleLimitException.class, () -> rules.evaluate(NOW, List.of("again")));
    }

    @Test
    void anAllocationLargerThanTheHeapFailsTheEvaluationAndTheVersionServesOn() {
        CompiledRuleSet rules = compile(ROOMY, HEADER + """
                rule "asks for more than there is"
                when
                    $s : String( this == "huge" )
                then
                    long[] huge = new long[Integer.MAX_VALUE - 8];
                    insert(new PolicySeen($s, huge.length, 0));
                end
                rule "ordinary"
                when
                    $s : String( this != "huge" )
                then
                    insert(new PolicySeen($s, 1, 0));
                end
                """);

        RuleExecutionException failed = assertThrows(RuleExecutionException.class, () -> rules.evaluate(NOW, List.of("huge")));

        assertTrue(failed.getMessage().contains("OutOfMemoryError"), failed::getMessage);
        assertEquals(List.of(new PolicyFactTest.PolicySeen("next", 1, 0)),
                rules.evaluate(NOW, List.of("next")).decisions().stream().map(RuleDecision::decision).toList());
    }

    private static CompiledRuleSet compile(String drl) {
        return compile(TIGHT, drl);
    }

    private static CompiledRuleSet compile(EvaluationBudget.Limits limits, String drl) {
        RuleSetCompiler compiler = RuleSetCompiler.withoutTextCheck(Set.of("io.shoprules.engine"), limits);
        return compiler.compile(new RuleSetSource("sandbox", Map.of("hostile.drl", drl.getBytes(StandardCharsets.UTF_8))),
                Map.of());
    }
}
