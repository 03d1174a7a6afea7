package io.shoprules.preview;

/** The answer to starting a preview: its id, to poll {@code GET /api/previews/{id}} with. */
public record PreviewCreated(String id) {
}
