package io.shoprules.listing;

/** A listing's overall result: the worst of its findings. */
public enum Verdict {
    PASS, WARN, BLOCK
}
