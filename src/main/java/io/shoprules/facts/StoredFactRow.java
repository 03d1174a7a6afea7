package io.shoprules.facts;

/** One stored fact as the table holds it: its id, the fact as JSON and the hash of that JSON. */
public record StoredFactRow(String factId, String payload, String contentHash) {
}
