package io.shoprules.versions;

/** How one file of a version differs from the version before it. */
public record FileChange(String file, Change change) {

    public enum Change { ADDED, MODIFIED, REMOVED }
}
