package io.shoprules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a scenario's expected decision is compared with an actual one. */
class ScenarioMatchingTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode node(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void onlyTheFieldsGivenAreCompared() throws Exception {
        assertTrue(ScenarioRunner.matches(node("{\"type\":\"RESTOCK\"}"), node("{\"type\":\"RESTOCK\",\"quantity\":5}")));
        assertFalse(ScenarioRunner.matches(node("{\"type\":\"RESTOCK\",\"quantity\":6}"),
                node("{\"type\":\"RESTOCK\",\"quantity\":5}")));
    }

    @Test
    void numbersCompareByValue() throws Exception {
        assertTrue(ScenarioRunner.matches(node("{\"coverDays\":5}"), node("{\"coverDays\":5.0}")));
        assertFalse(ScenarioRunner.matches(node("{\"coverDays\":5}"), node("{\"coverDays\":\"5\"}")));
    }

    @Test
    void timesCompareAsInstants() throws Exception {
        assertTrue(ScenarioRunner.matches(node("{\"payBy\":\"2026-03-10T13:00:00+08:00\"}"),
                node("{\"payBy\":\"2026-03-10T05:00:00Z\"}")));
        assertFalse(ScenarioRunner.matches(node("{\"payBy\":\"2026-03-10T13:00:00+08:00\"}"),
                node("{\"payBy\":\"2026-03-10T13:00:00Z\"}")));
    }

    @Test
    void nullExpectsAnAbsentOrNullField() throws Exception {
        assertTrue(ScenarioRunner.matches(node("{\"coverDays\":null}"), node("{\"coverDays\":null}")));
        assertTrue(ScenarioRunner.matches(node("{\"coverDays\":null}"), node("{}")));
        assertFalse(ScenarioRunner.matches(node("{\"coverDays\":null}"), node("{\"coverDays\":3}")));
    }

    @Test
    void listsMatchElementByElementInOrder() throws Exception {
        assertTrue(ScenarioRunner.matches(node("{\"channels\":[\"SMS\",\"POPUP\"]}"), node("{\"channels\":[\"SMS\",\"POPUP\"]}")));
        assertFalse(ScenarioRunner.matches(node("{\"channels\":[\"POPUP\"]}"), node("{\"channels\":[\"SMS\",\"POPUP\"]}")));
    }
}
