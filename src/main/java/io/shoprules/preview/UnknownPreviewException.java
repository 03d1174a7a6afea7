package io.shoprules.preview;

import io.shoprules.errors.NotFoundException;

/** No preview by that id on this instance (previews are kept in memory, the last few only). */
public class UnknownPreviewException extends NotFoundException {

    public UnknownPreviewException(String id) {
        super("no preview " + id + " on this instance: previews are kept in memory, the last "
                + Previews.KEPT + " per instance", "id");
    }
}
