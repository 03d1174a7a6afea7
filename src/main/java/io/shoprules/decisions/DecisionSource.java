package io.shoprules.decisions;

/** Where a decision was asked for. */
public enum DecisionSource {
    /** A shop backend posted facts. */
    REST,
    /** A scheduled job re-checked stored facts. */
    JOB
}
