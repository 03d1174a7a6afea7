package io.shoprules.engine;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The order in which the first load takes the rule sets: those a request asked for while they
 * waited (in the order asked), then those served from a kept compiled form (a fraction of a second
 * each), then those that must be compiled (seconds each), each group by name. Without it a rule set
 * whose form is kept, or the one the traffic wants, could wait behind the compiles of others.
 *
 * <p>A rule set asked for that must be compiled need not wait for a loader to come free either: one
 * more loader, the helper, takes the asked ones only ({@link #startHelper}, {@link #nextAsked}),
 * beside the loaders busy with compiles that nobody is waiting for yet.
 */
final class FirstLoadQueue {

    private static final long NOT_ASKED = Long.MAX_VALUE;
    private static final Comparator<Waiting> ORDER = Comparator.comparingLong(Waiting::asked)
            .thenComparing(waiting -> !waiting.kept())
            .thenComparing(Waiting::name);

    private record Waiting(String name, boolean kept, long asked) {
    }

    private final PriorityQueue<Waiting> queue = new PriorityQueue<>(ORDER);
    private final Map<String, Waiting> waiting = new HashMap<>();
    private long asks;
    private boolean helping;

    /** The rule sets {@code names}, of which those in {@code kept} have a compiled form to serve from. */
    FirstLoadQueue(Collection<String> names, Set<String> kept) {
        for (String name : names) {
            Waiting entry = new Waiting(name, kept.contains(name), NOT_ASKED);
            waiting.put(name, entry);
            queue.add(entry);
        }
    }

    /** The rule set to load next, or null when every one has been taken. */
    synchronized String next() {
        Waiting next = queue.poll();
        if (next == null) {
            return null;
        }
        waiting.remove(next.name());
        return next.name();
    }

    /**
     * The next rule set a request asked for that is still waiting, or null when there is none; a
     * null also ends the helper's turn, so that the next ask may start a helper again.
     */
    synchronized String nextAsked() {
        Waiting next = queue.peek();
        if (next == null || next.asked() == NOT_ASKED) {
            helping = false;
            return null;
        }
        return next();
    }

    /**
     * True when the caller is to start the helper: a rule set asked for waits to be compiled and no
     * helper runs. The helper then takes the asked ones with {@link #nextAsked} until there is none.
     * One with a kept form waits for a loader instead: the loaders serve those in a fraction of a
     * second each, and one more thread would only slow the rest of the start on a small machine.
     */
    synchronized boolean startHelper() {
        if (helping || waiting.values().stream().noneMatch(entry -> entry.asked() != NOT_ASKED && !entry.kept())) {
            return false;
        }
        helping = true;
        return true;
    }

    /**
     * Moves {@code name} ahead of every rule set not asked for yet; true when it was still waiting
     * and had not been asked for before (one that is loading or loaded is not affected).
     */
    synchronized boolean ask(String name) {
        Waiting entry = waiting.get(name);
        if (entry == null || entry.asked() != NOT_ASKED) {
            return false;
        }
        queue.remove(entry);
        Waiting asked = new Waiting(name, entry.kept(), asks++);
        waiting.put(name, asked);
        queue.add(asked);
        return true;
    }
}
