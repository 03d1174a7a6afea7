package io.shoprules.decisions;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ids that link a REST request's logged decisions to its recorded input, handed out in memory
 * (no database round trip on the request path). Each instance counts up from a random start: ids
 * stay apart between instances and restarts as random ones would, while one instance's ids follow
 * each other, so its inserts into the index on {@code recorded_input.request_id} land at one end of
 * a B-tree instead of anywhere in it. Random ids made every insert touch a different leaf: on H2 the
 * input writer read index pages back from disk and kept a dirty copy of each leaf in the heap until
 * the next store, which the young collections then had to copy.
 */
final class RequestIds {

    /** Room for 2^62 requests after the highest start, so the count never wraps to a negative id. */
    private static final long HIGHEST_START = 1L << 62;

    private final AtomicLong next;

    RequestIds() {
        this(ThreadLocalRandom.current().nextLong(1, HIGHEST_START));
    }

    RequestIds(long start) {
        if (start < 1 || start > HIGHEST_START) {
            throw new IllegalArgumentException("a start of request ids must be in [1, 2^62]: " + start);
        }
        this.next = new AtomicLong(start);
    }

    long next() {
        return next.getAndIncrement();
    }
}
