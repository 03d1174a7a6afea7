package io.shoprules.actions;

import io.shoprules.engine.RuleFileError;
import io.shoprules.engine.RuleSetRejectedException;
import io.shoprules.engine.RuleSetSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionRulesTest {

    private static RuleSetSource withActions(String yaml) {
        return new RuleSetSource("fixture", Map.of("a.drl", "package p;".getBytes(StandardCharsets.UTF_8),
                ActionRules.FILE, yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everySettingIsReadPerDecisionType() {
        ActionRules rules = ActionRules.of(withActions("""
                # comments are allowed
                ALERT:
                  once: EPISODE
                REMINDER:
                  customer: customerId
                  priority: 50
                  recheck: true
                  expiresAt: payBy
                  coupon: {amount: couponAmount, expiresAt: payBy}
                REFUND:
                  coupon: {amount: amount, validDays: 30}
                  approval: {amount: amount, above: 199.5}
                """));

        assertEquals(ActionRule.Once.EPISODE, rules.of("ALERT").once());
        ActionRule reminder = rules.of("REMINDER");
        assertTrue(reminder.customerFacing());
        assertEquals(50, reminder.priority());
        assertTrue(reminder.recheck());
        assertEquals("payBy", reminder.expiresAtField());
        assertEquals(new ActionRule.Coupon("couponAmount", "payBy", null), reminder.coupon());
        assertEquals(new ActionRule.Approval("amount", new BigDecimal("199.5")), rules.of("REFUND").approval());
        assertEquals(30, rules.of("REFUND").coupon().validDays());
    }

    @Test
    void aTypeTheFileDoesNotNameKeepsTheRuleSetsOwnBehaviour() {
        ActionRule plain = ActionRules.of(withActions("ALERT:\n  once: DAY\n")).of("OTHER");

        assertEquals(ActionRule.plain("OTHER"), plain);
        assertFalse(plain.customerFacing());
        assertTrue(ActionRules.of(new RuleSetSource("fixture", Map.of("a.drl", new byte[0]))).all().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a misspelt setting       | 'ALERT:\n  once: EPISODE\nREMINDER:\n  recheks: true\n'          | 4 | unknown setting 'recheks'",
            "an unknown once          | 'ALERT:\n  once: WEEKLY\n'                                        | 2 | neither EPISODE nor DAY",
            "a type in lower case     | 'alert:\n  once: DAY\n'                                           | 1 | not a decision type",
            "a negative priority      | 'ALERT:\n  once: DAY\n  priority: -1\n'                           | 3 | priority",
            "a coupon without expiry  | 'ALERT:\n  coupon: {amount: couponAmount}\n'                      | 2 | either expiresAt",
            "an approval without cap  | 'ALERT:\n  approval: {amount: amount}\n'                          | 2 | approval.above",
            "a field that is no name  | 'ALERT:\n  customer: \"customer id\"\n'                           | 2 | field of the decision",
            "broken YAML              | 'ALERT:\n  once: [EPISODE\n'                                       | 2 | not readable as YAML",
            "a list instead of a map  | '- ALERT\n'                                                       | 1 | mapping of decision types",
    })
    void aBrokenFileIsRejectedAtItsLine(String what, String yaml, int line, String message) {
        RuleSetRejectedException rejected = assertThrows(RuleSetRejectedException.class,
                () -> ActionRules.of(withActions(yaml.replace("\\n", "\n"))), what);

        RuleFileError error = rejected.errors().get(0);
        assertEquals(ActionRules.FILE, error.file());
        assertEquals(line, error.line(), what + ": " + error);
        assertTrue(error.message().contains(message), what + ": " + error);
    }
}
