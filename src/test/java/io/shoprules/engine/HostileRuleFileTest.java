package io.shoprules.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rule files are code: a draft that reaches outside the rule engine is refused before it compiles,
 * and the refusal names the file, the line and the forbidden use.
 */
@QuarkusTest
class HostileRuleFileTest {

    private static final String HEADER = """
            package io.shoprules.rules.inventory;
            import io.shoprules.inventory.Sku;
            """;

    private static HostileRuleFile consequence(String name, String java, String refused) {
        return HostileRuleFile.consequence(HEADER, "Sku", name, java, refused);
    }

    static Stream<HostileRuleFile> hostileFiles() {
        return Stream.of(
                // spellings that passed the text check once; the check of the compiled rules refuses them
                consequence("comments inside a qualified name read a file", """
                        Object in = java/**/.net/**/.URI.create("file:///etc/hostname").toURL().openStream();""",
                        "java.net.URI"),
                consequence("comments inside a qualified name reach reflection", """
                        Object e = new java/**/.beans/**/.Expression(null, "exit", null);""", "java.beans.Expression"),
                consequence("a Formatter writes a file", "new java.util.Formatter(\"/tmp/shoprules-owned\");",
                        "java.util.Formatter"),
                consequence("a method reference to the runtime",
                        "java.util.function.Supplier r = java.lang.Runtime::getRuntime; r.get();", "Runtime"),
                new HostileRuleFile("a policy default with comments inside a qualified name", HEADER + """
                        declare HostilePolicy
                            @policy
                            out : Object = new java/**/.util.Formatter(new StringBuilder())
                        end
                        """, "java.util.Formatter"),
                consequence("exit the JVM", "System.exit(0);", "System"),
                consequence("run a command", "Runtime.getRuntime().exec(\"touch /tmp/owned\");", "Runtime"),
                consequence("start a process", "new ProcessBuilder(\"sh\", \"-c\", \"id\").start();", "ProcessBuilder"),
                consequence("start a thread", "new Thread(() -> {}).start();", "Thread"),
                consequence("load a class by name", "Object r = Class.forName(\"java.lang.Runtime\");", "Class"),
                consequence("reflection from a fact", "$s.getClass().getClassLoader();", "getClass"),
                consequence("invoke a method reflectively",
                        "String.class.getMethod(\"length\").invoke(\"x\");", "class"),
                consequence("read a file, fully qualified",
                        "String secret = java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));", "Files"),
                consequence("open a socket", "new java.net.Socket(\"127.0.0.1\", 5432);", "Socket"),
                consequence("fetch a URL", "new java.net.URL(\"http://127.0.0.1/\").openStream();", "URL"),
                consequence("JNDI lookup", "new javax.naming.InitialContext().lookup(\"ldap://127.0.0.1/x\");",
                        "InitialContext"),
                consequence("script engine", "new javax.script.ScriptEngineManager().getEngineByName(\"js\");",
                        "ScriptEngineManager"),
                consequence("unicode-escaped System", "\\u0053ystem.exit(1);", "System"),
                consequence("dots with spaces", "java . lang . Runtime . getRuntime();", "Runtime"),
                consequence("an executor", "java.util.concurrent.Executors.newSingleThreadExecutor();", "Executors"),
                consequence("the engine's own runtime", "drools.getKieRuntime().getKieBase();", "getKieRuntime"),
                consequence("the knowledge context", "kcontext.getKieRuntime();", "kcontext"),
                consequence("MVEL evaluation", "org.mvel2.MVEL.eval(\"1\");", "MVEL"),
                consequence("method handles", "java.lang.invoke.MethodHandles.lookup();", "MethodHandles"),
                consequence("unsafe", "Object u = sun.misc.Unsafe.class;", "Unsafe"),
                consequence("object streams", "new java.io.ObjectInputStream(null);", "ObjectInputStream"),
                new HostileRuleFile("import of java.io", HEADER + "import java.io.File;\nrule \"r\" when Sku() then end\n", "File"),
                new HostileRuleFile("static import of exit", HEADER + "import static java.lang.System.exit;\n", "System"),
                new HostileRuleFile("global of a forbidden type", HEADER + "global java.io.PrintStream out;\n", "java.io.PrintStream"),
                new HostileRuleFile("in a function", HEADER + """
                        function void wipe() {
                            java.lang.Runtime.getRuntime().exec("rm -rf /tmp/x");
                        }
                        """, "Runtime"),
                new HostileRuleFile("in a policy default, evaluated when the version is compiled", HEADER + """
                        declare HostilePolicy
                            @policy
                            runtime : Object = java.lang.Runtime.getRuntime().exec("touch /tmp/owned")
                        end
                        """, "Runtime"),
                new HostileRuleFile("in a condition", HEADER + """
                        rule "condition"
                        when
                            $s : Sku( eval(java.lang.System.currentTimeMillis() > 0) )
                        then
                        end
                        """, "System"),
                new HostileRuleFile("MVEL dialect property access", HEADER + """
                        rule "mvel"
                            dialect "mvel"
                        when
                            $s : Sku()
                        then
                            x = $s.class.classLoader;
                        end
                        """, "class"),
                new HostileRuleFile("escaped newline hides code after a comment", HEADER + """
                        rule "comment"
                        when
                            $s : Sku()
                        then
                            // harmless \\u000a System.exit(2);
                        end
                        """, "System"),
                new HostileRuleFile("in an accumulate", HEADER + """
                        rule "accumulate"
                        when
                            $n : Number() from accumulate( Sku(),
                                init( Object o = java.lang.Runtime.getRuntime(); int c = 0; ),
                                action( c++; ), result( c ) )
                        then
                        end
                        """, "Runtime"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void hostileDraftIsRefusedWithFileLineAndUse(HostileRuleFile hostile) {
        JsonPath report = validate(Map.of("hostile.drl", hostile.drl()));

        assertFalse(report.getBoolean("valid"), report::prettify);
        List<Map<String, Object>> errors = report.getList("errors");
        Map<String, Object> refusal = errors.stream()
                .filter(e -> String.valueOf(e.get("message")).contains("forbidden in rule files"))
                .findFirst().orElseThrow(() -> new AssertionError("no policy refusal in " + errors));
        assertEquals("hostile.drl", refusal.get("file"));
        assertNotNull(refusal.get("line"));
        assertTrue(String.valueOf(refusal.get("message")).contains(hostile.refused()), refusal::toString);
    }

    @Test
    void hostileDecisionTableIsRefused() {
        String table = """
                RuleSet,io.shoprules.rules.inventory
                Import,io.shoprules.inventory.Sku
                ,
                RuleTable HostileRuleFile
                CONDITION,ACTION
                $s : Sku,
                onHand > $param,System.exit($param);
                minimum stock,exit code
                0,1
                """;
        JsonPath report = validate(Map.of("hostile.drl.csv", table));
        assertFalse(report.getBoolean("valid"), report::prettify);
        assertEquals("hostile.drl.csv", report.getString("errors[0].file"));
        assertTrue(report.getString("errors[0].message").contains("System"), report::prettify);
    }

    @Test
    void ordinaryRulesPassThePolicy() {
        JsonPath report = validate(Map.of("benign.drl", HEADER + """
                import java.math.BigDecimal;
                import java.time.LocalDate;
                import java.util.List;
                rule "benign: read facts, use java.time, java.math and java.util"
                when
                    $s : Sku( onHand > 1000000 )
                then
                    BigDecimal x = BigDecimal.valueOf($s.onHand()).multiply(new BigDecimal("1.5"));
                    List<String> names = java.util.List.of(String.valueOf(x), LocalDate.of(2026, 1, 1).toString());
                    Math.max(1, names.size());
                end
                """));
        assertTrue(report.getBoolean("valid"), report::prettify);
    }

    private static JsonPath validate(Map<String, String> files) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("files", files))
                .when().post("/api/rulesets/inventory/validate")
                .then().statusCode(200).extract().jsonPath();
    }
}
