package io.shoprules.jobs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up check of job schedules (the same code the service runs before it schedules anything). */
class JobCronCheckTest {

    private static Map<String, String> config(Map<String, String> crons) {
        return crons;
    }

    @Test
    void eachRuleSetGetsItsOwnCronOrTheDefault() {
        Map<String, String> crons = JobSchedules.cronsOf(List.of("inventory", "cart", "listing"),
                config(Map.of("inventory", "0 0 2 * * ?",
                        "cart", " 0 0/5 * * * ? ",
                        "listing", "off")),
                "0 0 4 * * ?");
        assertEquals(Map.of("inventory", "0 0 2 * * ?", "cart", "0 0/5 * * * ?", "listing", "off"), crons);
        assertEquals("0 0 4 * * ?", JobSchedules.cronsOf(List.of("complaint"), config(Map.of()), "0 0 4 * * ?").get("complaint"));
    }

    @Test
    void anInvalidCronStopsStartUpNamingTheProperty() {
        InvalidCronException e = assertThrows(InvalidCronException.class, () -> JobSchedules.cronsOf(List.of("cart"),
                config(Map.of("cart", "every five minutes")), "0 0 4 * * ?"));
        assertTrue(e.getMessage().startsWith("shoprules.jobs.cart.cron='every five minutes' is not a valid Quartz cron expression"),
                e.getMessage());
    }

    @Test
    void outOfRangeFieldsAndUnixSyntaxAreRejected() {
        assertThrows(InvalidCronException.class, () -> CronCheck.check("p", "0 0 25 * * ?"));
        assertThrows(InvalidCronException.class, () -> CronCheck.check("p", "*/5 * * * *"));
        assertThrows(InvalidCronException.class, () -> CronCheck.check("p", " "));
        assertThrows(InvalidCronException.class, () -> JobSchedules.cronsOf(List.of(), config(Map.of()), "nonsense"));
    }
}
