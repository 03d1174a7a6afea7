package io.shoprules.facts;

import java.util.List;

/**
 * Fired (synchronously) once the shop's facts are committed: observers act on what the shop now says
 * about these subjects (the outbox re-checks their open actions) without the fact store knowing them.
 */
public record FactsStored(String ruleSet, List<String> factIds) {
}
