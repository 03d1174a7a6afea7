package io.shoprules.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first load serves kept compiled forms before it compiles anything, and a rule set a request
 * asks for while it waits goes ahead of the rest, taken by a helper if no loader is free.
 */
class FirstLoadQueueTest {

    @Test
    void keptFormsGoBeforeCompilesEachByName() {
        FirstLoadQueue queue = new FirstLoadQueue(List.of("cart", "complaint", "inventory", "listing", "member"),
                Set.of("member", "inventory"));

        assertEquals(List.of("inventory", "member", "cart", "complaint", "listing"), drain(queue));
    }

    @Test
    void aRuleSetAskedForWhileWaitingGoesAheadOfTheRestInTheOrderAsked() {
        FirstLoadQueue queue = new FirstLoadQueue(List.of("cart", "complaint", "contact", "inventory", "listing"),
                Set.of("contact"));
        assertEquals("contact", queue.next());

        assertTrue(queue.ask("listing"));
        assertTrue(queue.ask("inventory"));

        assertEquals(List.of("listing", "inventory", "cart", "complaint"), drain(queue));
    }

    @Test
    void askingForOneTakenAlreadyOrAskedBeforeChangesNothing() {
        FirstLoadQueue queue = new FirstLoadQueue(List.of("cart", "inventory", "member"), Set.of());
        assertEquals("cart", queue.next());

        assertFalse(queue.ask("cart"), "cart is loading already");
        assertFalse(queue.ask("review"), "not a rule set of this load");
        assertTrue(queue.ask("member"));
        assertFalse(queue.ask("member"), "asked before: it keeps its place");
        assertTrue(queue.ask("inventory"));

        assertEquals(List.of("member", "inventory"), drain(queue));
    }

    @Test
    void theHelperTakesTheAskedOnesOnlyAndOneHelperRunsAtATime() {
        FirstLoadQueue queue = new FirstLoadQueue(List.of("cart", "complaint", "inventory", "listing"), Set.of());
        assertEquals("cart", queue.next());
        assertFalse(queue.startHelper(), "nothing asked for");

        assertTrue(queue.ask("listing"));
        assertTrue(queue.startHelper());
        assertFalse(queue.startHelper(), "a helper runs already");
        assertTrue(queue.ask("inventory"));

        assertEquals("listing", queue.nextAsked());
        assertEquals("inventory", queue.nextAsked());
        assertNull(queue.nextAsked(), "complaint was not asked for: a loader takes it");
        assertTrue(queue.ask("complaint"));
        assertTrue(queue.startHelper(), "the helper's turn ended: the next ask starts one again");
        assertEquals("complaint", queue.next(), "a loader may take an asked one first");
        assertNull(queue.nextAsked());
        assertNull(queue.next());
    }

    @Test
    void aRuleSetAskedForWithAKeptFormWaitsForALoaderInsteadOfAHelper() {
        FirstLoadQueue queue = new FirstLoadQueue(List.of("cart", "inventory", "listing"), Set.of("inventory", "listing"));
        assertEquals("inventory", queue.next());

        assertTrue(queue.ask("listing"));
        assertFalse(queue.startHelper(), "listing serves from its kept form in a fraction of a second");
        assertTrue(queue.ask("cart"));
        assertTrue(queue.startHelper(), "cart must be compiled");
        assertEquals(List.of("listing", "cart"), drain(queue));
    }

    private static List<String> drain(FirstLoadQueue queue) {
        List<String> order = new ArrayList<>();
        for (String name = queue.next(); name != null; name = queue.next()) {
            order.add(name);
        }
        return order;
    }
}
