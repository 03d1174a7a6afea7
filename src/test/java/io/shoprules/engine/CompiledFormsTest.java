package io.shoprules.engine;

import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.util.PortablePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kept compiled form serves the same decisions as the compile it came from, goes through the
 * sandbox check again when loaded, and is ignored when its bytes no longer match their digest.
 */
public class CompiledFormsTest {

    private static final EvaluationBudget.Limits ROOMY = new EvaluationBudget.Limits(Duration.ofMinutes(1), 5_000, 5_000, Long.MAX_VALUE);
    private static final Now NOW = new Now(OffsetDateTime.parse("2026-03-10T10:00:00+08:00"), ZoneId.of("Asia/Shanghai"));
    private static final RuleSetSource RULES = new RuleSetSource("kept", Map.of("kept.drl", """
            package io.shoprules.rules.kept;
            import io.shoprules.engine.PolicyFactTest.PolicySeen;

            declare KeptPolicy
                @policy
                minimumLength : int = 2
            end

            rule "kept: a long enough word is seen"
            when
                $policy : KeptPolicy()
                $s : String( length >= $policy.minimumLength )
            then
                insert(new PolicySeen($s, $s.length(), $policy.getMinimumLength()));
            end
            """.getBytes(StandardCharsets.UTF_8)));

    private final RuleSetCompiler compiler = RuleSetCompiler.withoutTextCheck(Set.of("io.shoprules.engine"), ROOMY);

    @Test
    void aKeptFormServesTheSameDecisionsAsItsCompile() {
        RuleSetCompiler.Compiled compiled = compiler.compileKeepingForm(RULES, Map.of());
        assertNotNull(compiled.form());

        CompiledRuleSet loaded = compiler.load(RULES, Map.of(), compiled.form());

        List<Object> facts = List.of("a", "abc", "abcdef");
        assertEquals(decisionsOf(compiled.ruleSet(), facts), decisionsOf(loaded, facts));
        assertEquals(2, decisionsOf(loaded, facts).size());
        assertEquals(compiled.ruleSet().ruleNames(), loaded.ruleNames());
        assertEquals(RULES.version(), loaded.version());
    }

    @Test
    void aFormWithoutTheExecutableModelIsNotBuiltFromItsRuleFiles() {
        byte[] form = compiler.compileKeepingForm(RULES, Map.of()).form();
        MemoryFileSystem module = MemoryFileSystem.readFromJar(form);
        List<PortablePath> model = module.getFilePaths().stream()
                .filter(path -> path.asString().startsWith("META-INF/kie/")).toList();
        assertTrue(!model.isEmpty());
        model.forEach(module::remove);

        assertThrows(IllegalArgumentException.class, () -> compiler.load(RULES, Map.of(), module.writeAsBytes()));
    }

    @Test
    void aKeptFormIsBudgetedAgainWhenLoaded() {
        RuleSetSource endless = new RuleSetSource("endless", Map.of("endless.drl", """
                package io.shoprules.rules.endless;
                rule "spins"
                when
                    $s : String()
                then
                    long n = 0;
                    while (n >= 0) { n = n + 1; if (n == Long.MAX_VALUE) { n = 0; } }
                end
                """.getBytes(StandardCharsets.UTF_8)));
        RuleSetCompiler tight = RuleSetCompiler.withoutTextCheck(Set.of("io.shoprules.engine"),
                new EvaluationBudget.Limits(Duration.ofMillis(300), 5_000, 5_000, Long.MAX_VALUE));
        byte[] form = tight.compileKeepingForm(endless, Map.of()).form();

        CompiledRuleSet loaded = tight.load(endless, Map.of(), form);

        RuleLimitException stopped = assertThrows(RuleLimitException.class, () -> loaded.evaluate(NOW, List.of("x")));
        assertTrue(stopped.getMessage().contains("spins"), stopped.getMessage());
    }

    @Test
    void aFormWithAClassOutsideTheAllowListIsRefusedWhenLoaded() {
        byte[] form = compiler.compileKeepingForm(RULES, Map.of()).form();
        MemoryFileSystem module = MemoryFileSystem.readFromJar(form);
        module.write(PortablePath.of("io/shoprules/rules/kept/Planted.class"), classCallingTheRuntime(), true);

        RuleSetRejectedException refused = assertThrows(RuleSetRejectedException.class,
                () -> compiler.load(RULES, Map.of(), module.writeAsBytes()));
        assertTrue(refused.errors().toString().contains("Runtime"), refused.errors().toString());
    }

    @Test
    void aFormWhoseBytesNoLongerMatchTheirDigestIsNotRead(@TempDir Path dir) throws Exception {
        CompiledForms forms = CompiledForms.in(dir);
        byte[] form = compiler.compileKeepingForm(RULES, Map.of()).form();
        String key = forms.keyOf(RULES, "scenarios-1");
        forms.write("kept", key, form);
        assertArrayEquals(form, forms.read("kept", key).orElseThrow());

        Path stored = dir.resolve("kept").resolve(key + ".kjar");
        byte[] damaged = Files.readAllBytes(stored);
        damaged[damaged.length / 2] ^= 0x5a;
        Files.write(stored, damaged);

        assertTrue(forms.read("kept", key).isEmpty());
    }

    @Test
    void theKeyChangesWithTheRulesAndTheScenarios(@TempDir Path dir) {
        CompiledForms forms = CompiledForms.in(dir);
        RuleSetSource edited = RULES.withFiles(Map.of("kept.drl",
                new String(RULES.files().get("kept.drl"), StandardCharsets.UTF_8).replace("= 2", "= 3")
                        .getBytes(StandardCharsets.UTF_8)));

        String key = forms.keyOf(RULES, "scenarios-1");
        assertEquals(key, forms.keyOf(RULES, "scenarios-1"));
        assertTrue(!key.equals(forms.keyOf(RULES, "scenarios-2")));
        assertTrue(!key.equals(forms.keyOf(edited, "scenarios-1")));
    }

    private static List<RuleDecision> decisionsOf(CompiledRuleSet rules, List<Object> facts) {
        return rules.evaluate(NOW, facts).decisions();
    }

    /** A class that reaches for the runtime, as a form altered on disk might hold. */
    private static byte[] classCallingTheRuntime() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "io/shoprules/rules/kept/Planted", null, "java/lang/Object", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        method.visitCode();
        method.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", false);
        method.visitInsn(Opcodes.POP);
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
