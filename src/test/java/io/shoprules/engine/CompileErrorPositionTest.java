package io.shoprules.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compile error is reported at the rule file, line and column where the faulty code is written,
 * also when the compiler found it in the Java generated from a consequence, a function or a
 * declared default.
 */
class CompileErrorPositionTest {

    private static final String OTHER_FILE = """
            package io.shoprules.rules.errors;
            rule "another file, without errors"
            when
                String()
            then
            end
            """;

    /** A rule file with one error, marked by «»: the error must be reported where the mark is. */
    record Broken(String name, String marked, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Broken> brokenFiles() {
        return Stream.of(
                new Broken("an import of a type that does not exist", """
                        package io.shoprules.rules.errors;
                        import «io.shoprules.inventory.NoSuchFact»;
                        rule "uses nothing"
                        when
                            String()
                        then
                        end
                        """, "NoSuchFact"),
                new Broken("a method a type does not have, in a consequence", """
                        package io.shoprules.rules.errors;
                        rule "consequence"
                        when
                            $s : String()
                        then
                            int length = $s.length();
                            String shouted = «length.toUpperCase()»;
                        end
                        """, "toUpperCase"),
                new Broken("an unknown type, in a consequence", """
                        package io.shoprules.rules.errors;
                        rule "unknown type"
                        when
                            $s : String()
                        then
                            insert(new «NoSuchDecision»($s));
                        end
                        """, "NoSuchDecision"),
                new Broken("an error in a function", """
                        package io.shoprules.rules.errors;
                        function int twice(int x) {
                            return «x.times(2)»;
                        }
                        """, "times"),
                new Broken("a policy default that does not compile", """
                        package io.shoprules.rules.errors;
                        declare BrokenPolicy
                            @policy
                            threshold : java.math.BigDecimal = new java.math.«BigDecimal»(1, 2, 3, 4)
                        end
                        """, "BigDecimal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void errorIsReportedWhereItIsWritten(Broken broken) {
        String drl = broken.marked().replace("«", "").replace("»", "");
        int offset = broken.marked().indexOf('«');
        String before = broken.marked().substring(0, offset);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = offset - before.lastIndexOf('\n');

        RuleSetRejectedException rejected = assertThrows(RuleSetRejectedException.class, () -> compile(drl));

        List<RuleFileError> errors = rejected.errors();
        RuleFileError first = errors.get(0);
        assertEquals("broken.drl", first.file(), errors::toString);
        assertEquals(line, first.line(), errors::toString);
        assertEquals(column, first.column(), errors::toString);
        assertTrue(first.message().contains(broken.message()), errors::toString);
        assertTrue(errors.stream().noneMatch(e -> e.message().contains("Java source of")), errors::toString);
    }

    private static CompiledRuleSet compile(String drl) {
        RuleSetCompiler compiler = RuleSetCompiler.withoutTextCheck(Set.of("io.shoprules.engine"),
                new EvaluationBudget.Limits(Duration.ofMinutes(1), 1_000, 1_000, Long.MAX_VALUE));
        return compiler.compile(new RuleSetSource("errors", Map.of(
                "broken.drl", drl.getBytes(StandardCharsets.UTF_8),
                "another.drl", OTHER_FILE.getBytes(StandardCharsets.UTF_8))), Map.of());
    }
}
