package io.shoprules.preview;

import io.shoprules.errors.NotFoundException;

/** No preview by that id: never started, or older than the newest {@link PreviewStore#KEPT}. */
public class UnknownPreviewException extends NotFoundException {

    public UnknownPreviewException(String id) {
        super("no preview " + id + ": the newest " + PreviewStore.KEPT + " previews are kept", "id");
    }
}
