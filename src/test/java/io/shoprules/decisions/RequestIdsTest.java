package io.shoprules.decisions;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdsTest {

    @Test
    void oneInstanceHandsOutIdsThatFollowEachOther() {
        RequestIds ids = new RequestIds(41);
        assertEquals(41, ids.next());
        assertEquals(42, ids.next());
        assertEquals(43, ids.next());
    }

    @Test
    void requestThreadsNeverShareAnId() {
        RequestIds ids = new RequestIds();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 20_000).parallel().forEach(i -> assertTrue(seen.add(ids.next())));
        assertEquals(20_000, seen.size());
        assertTrue(seen.stream().allMatch(id -> id > 0));
    }

    @Test
    void twoInstancesStartApart() {
        // a clash of two random starts in [1, 2^62] is about one in 10^18
        assertNotEquals(new RequestIds().next(), new RequestIds().next());
    }

    @Test
    void aStartThatCouldReachNegativeIdsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RequestIds(0));
        assertThrows(IllegalArgumentException.class, () -> new RequestIds(Long.MAX_VALUE));
    }
}
