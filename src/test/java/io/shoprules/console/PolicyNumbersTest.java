package io.shoprules.console;

import io.shoprules.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policy numbers are read from @policy declarations and written back by changing only the default. */
class PolicyNumbersTest {

    private static final String RULES = """
            package io.shoprules.rules.example;\r
            declare NotPolicy
                count : int = 1
            end
            declare ExamplePolicy
                @policy   // one instance per version
                days : int = 4                              // 天数：库存覆盖
                buffer : BigDecimal = new BigDecimal("0.5") // stock per deposit
                quietFrom : LocalTime = LocalTime.of(21, 30)
                words : List = List.of("a",
                                       "b")
            end
            """;

    @Test
    void theFieldsOfPolicyDeclarationsAreReadWithTheirCommentsAsHelp() {
        List<PolicyNumbers.Field> fields = PolicyNumbers.in("example.drl", RULES);

        assertEquals(List.of("days", "buffer", "quietFrom", "words"), fields.stream().map(PolicyNumbers.Field::name).toList());
        PolicyNumbers.Field days = fields.get(0);
        assertEquals("ExamplePolicy", days.policy());
        assertEquals("4", days.value());
        assertEquals("天数：库存覆盖", days.comment());
        assertEquals("0.5", fields.get(1).value());
        assertEquals("LocalTime.of(21, 30)", fields.get(2).value());
        assertFalse(fields.get(3).editable(), "a default continued on the next line is edited in the file");
    }

    @Test
    void savingRewritesOnlyThatDefault() {
        List<PolicyNumbers.Field> fields = PolicyNumbers.in("example.drl", RULES);

        String days = PolicyNumbers.withValue(RULES, fields.get(0), "9");
        assertEquals(RULES.replace("days : int = 4 ", "days : int = 9 "), days);
        String buffer = PolicyNumbers.withValue(RULES, fields.get(1), "1.25");
        assertEquals(RULES.replace("new BigDecimal(\"0.5\")", "new BigDecimal(\"1.25\")"), buffer);
        String quiet = PolicyNumbers.withValue(RULES, fields.get(2), "LocalTime.of(22, 0)");
        assertEquals(RULES.replace("LocalTime.of(21, 30)", "LocalTime.of(22, 0)"), quiet);
        assertTrue(days.startsWith("package io.shoprules.rules.example;\r\n"), "line endings stay as they were");
    }

    @Test
    void aValueThatDoesNotSuitTheTypeIsRefusedNamingTheField() {
        List<PolicyNumbers.Field> fields = PolicyNumbers.in("example.drl", RULES);
        for (String bad : List.of("", "4.5", "4; System.exit(0)", "seven")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> PolicyNumbers.withValue(RULES, fields.get(0), bad));
            assertEquals("example.drl/ExamplePolicy.days", refused.field());
        }
        assertThrows(InvalidInputException.class, () -> PolicyNumbers.withValue(RULES, fields.get(1), "1,5"));
        assertThrows(InvalidInputException.class,
                () -> PolicyNumbers.withValue(RULES, fields.get(2), "LocalTime.of(22, 0) // x"));
        assertThrows(InvalidInputException.class, () -> PolicyNumbers.withValue(RULES, fields.get(2), "a;\nb"));
        assertThrows(InvalidInputException.class, () -> PolicyNumbers.withValue(RULES, fields.get(3), "List.of()"));
    }
}
