package io.shoprules.facts;

/**
 * What {@code PUT /api/facts/{ruleSet}} did.
 *
 * @param received  facts in the request
 * @param created   facts stored for the first time
 * @param updated   facts whose content changed
 * @param unchanged facts stored already with exactly this content (nothing written)
 */
public record UpsertResult(String ruleSet, int received, int created, int updated, int unchanged) {
}
