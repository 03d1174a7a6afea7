package io.shoprules.engine;

/** What made a version serve. */
public enum ActivationSource {
    /** An edit of the files on disk, found by the watcher or a reload. */
    FILES,
    /** A draft activated through the API. */
    API,
    /** An earlier version put back. */
    ROLLBACK,
    /** An experiment's challenger made the rule set's files. */
    PROMOTION
}
