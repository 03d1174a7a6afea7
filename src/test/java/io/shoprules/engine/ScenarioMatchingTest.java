package io.shoprules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private List<JsonNode> nodes(String array) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        node(array).forEach(list::add);
        return list;
    }

    private List<String> expected(String expect, boolean exactly, String actual) throws Exception {
        List<String> failures = new ArrayList<>();
        ScenarioRunner.checkExpected(nodes(expect), exactly, nodes(actual), failures);
        return failures;
    }

    private List<String> none(String expectNone, String actual) throws Exception {
        List<String> failures = new ArrayList<>();
        ScenarioRunner.checkNone(nodes(expectNone), nodes(actual), failures);
        return failures;
    }

    private static final String RESTOCK_AND_CLEARANCE = """
            [{"type":"RESTOCK","subject":"a","urgency":"STOCKOUT"},{"type":"CLEARANCE","subject":"b"}]""";

    @Test
    void expectMeansAtLeastTheseDecisions() throws Exception {
        assertEquals(List.of(), expected("[{\"type\":\"RESTOCK\"}]", false, RESTOCK_AND_CLEARANCE));
    }

    @Test
    void exactlyRefusesADecisionNobodyExpected() throws Exception {
        List<String> failures = expected("[{\"type\":\"RESTOCK\"}]", true, RESTOCK_AND_CLEARANCE);
        assertEquals(1, failures.size(), failures::toString);
        assertTrue(failures.get(0).contains("CLEARANCE"), failures::toString);
        assertEquals(List.of(), expected("[{\"type\":\"CLEARANCE\"},{\"type\":\"RESTOCK\"}]", true,
                RESTOCK_AND_CLEARANCE));
    }

    @Test
    void exactlyWithNothingExpectedMeansNoDecisions() throws Exception {
        assertEquals(List.of(), expected("[]", true, "[]"));
        assertEquals(2, expected("[]", true, RESTOCK_AND_CLEARANCE).size());
    }

    @Test
    void exactlyCountsADecisionOnceEvenIfTwoExpectationsFitIt() throws Exception {
        String twoRestocks = "[{\"type\":\"RESTOCK\"},{\"type\":\"RESTOCK\"}]";
        assertEquals(1, expected(twoRestocks, true, "[{\"type\":\"RESTOCK\",\"subject\":\"a\"}]").size());
    }

    @Test
    void expectNoneTakesATypeOrAPartialDecision() throws Exception {
        assertEquals(1, none("[\"RESTOCK\"]", RESTOCK_AND_CLEARANCE).size());
        assertEquals(1, none("[{\"type\":\"RESTOCK\",\"urgency\":\"STOCKOUT\"}]", RESTOCK_AND_CLEARANCE).size());
        assertEquals(List.of(), none("[{\"type\":\"RESTOCK\",\"urgency\":\"URGENT\"}]", RESTOCK_AND_CLEARANCE));
        assertEquals(List.of(), none("[{\"type\":\"CLEARANCE\",\"subject\":\"a\"}]", RESTOCK_AND_CLEARANCE));
        assertEquals(List.of(), none("[\"CART_REMINDER\"]", RESTOCK_AND_CLEARANCE));
    }

    @Test
    void expectNoneRefusesAnythingButATypeOrAMapping() throws Exception {
        List<String> failures = none("[[\"RESTOCK\"]]", RESTOCK_AND_CLEARANCE);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).startsWith("expectNone[0]"), failures::toString);
    }
}
