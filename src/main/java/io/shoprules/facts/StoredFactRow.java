package io.shoprules.facts;

/** One stored fact as the table holds it: its id, the fact as JSON, the hash of that JSON and its scan group. */
public record StoredFactRow(String factId, String payload, String contentHash, String scanGroup) {
}
