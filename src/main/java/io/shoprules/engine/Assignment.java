package io.shoprules.engine;

/**
 * Which variant of a split a decision came from, while a feature runs another version of a rule
 * set beside the serving one (an experiment's challenger, see {@link TrafficSplit}).
 *
 * @param experiment the name of the split
 * @param variant    the variant the subject is in, e.g. {@code champion} or {@code challenger}
 * @param subject    the value that placed the decision in its variant (e.g. a customer id); null
 *                   when the decision's facts do not give one
 */
public record Assignment(String experiment, String variant, String subject) {
}
