package io.shoprules.preview;

public enum PreviewStatus {
    RUNNING, DONE, FAILED
}
