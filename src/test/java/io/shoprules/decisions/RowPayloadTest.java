package io.shoprules.decisions;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowPayloadTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDecisionAloneIsItsOwnJsonAndSeveralAreAnArray() throws Exception {
        RowPayload payload = new RowPayload(json, 1000);
        Map<String, Object> first = Map.of("type", "BANNED_TERM", "term", "最好");
        assertNull(payload.add(first, null));
        assertEquals(json.writeValueAsString(first), payload.payload());

        Map<String, Object> second = Map.of("type", "BANNED_TERM", "term", "第一");
        payload.add(first, null);
        payload.add(second, null);
        assertEquals(2, payload.count());
        assertEquals(json.writeValueAsString(List.of(first, second)), payload.payload());
    }

    @Test
    void aDecisionThatDoesNotFitBesideTheOthersStartsTheNextRowAndNoneIsCut() throws Exception {
        int max = 60;
        RowPayload payload = new RowPayload(json, max);
        List<String> rows = new ArrayList<>();
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            decisions.add(Map.of("term", "t" + i));
        }
        for (Map<String, Object> decision : decisions) {
            String full = payload.add(decision, null);
            if (full != null) {
                rows.add(full);
            }
        }
        rows.add(payload.payload());

        assertTrue(rows.size() > 1, "rows: " + rows);
        List<Object> readBack = new ArrayList<>();
        for (String row : rows) {
            assertTrue(row.length() <= max, row);
            Object value = json.readValue(row, Object.class);
            readBack.addAll(value instanceof List<?> list ? list : List.of(value));
        }
        assertEquals(decisions, readBack);
    }

    @Test
    void aDecisionLongerThanARowStandsAloneAndWrittenJsonIsTakenAsGiven() {
        RowPayload payload = new RowPayload(json, 10);
        assertNull(payload.add(null, "{\"a\":\"0123456789\"}"));
        assertEquals("{\"a\":\"0123456789\"}", payload.add(null, "{\"a\":1}"));
        assertEquals("{\"a\":1}", payload.payload());
    }
}
