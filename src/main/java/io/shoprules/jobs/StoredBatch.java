package io.shoprules.jobs;

import io.shoprules.facts.StoredFactRow;

import java.util.List;

/**
 * One page of stored facts, read back as typed facts.
 *
 * @param rows      rows read (readable or not)
 * @param facts     the readable ones
 * @param errors    rows that could not be read as the rule set's fact type
 * @param lastError what was wrong with the last of those
 * @param last      the last row: the next page starts after it
 */
record StoredBatch(int rows, List<Fact> facts, int errors, String lastError, StoredFactRow last) {

    /** No rows: past the end of the scan. */
    static final StoredBatch NONE = new StoredBatch(0, List.of(), 0, null, null);

    /**
     * A stored fact: its id, the hash of the content read (to update it only if unchanged), the
     * fact, and its scan group.
     */
    record Fact(String id, String contentHash, Object value, String scanGroup) {
    }
}
