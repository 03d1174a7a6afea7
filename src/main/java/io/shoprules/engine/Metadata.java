package io.shoprules.engine;

/**
 * Values of the metadata annotations rule files put on declared types and fields. Drools keeps a
 * value as it was written, quotes included: {@code @decision("TIER_CHANGE")} reads {@code "TIER_CHANGE"}.
 */
final class Metadata {

    private Metadata() {
    }

    /** The annotation's value without its quotes; an empty text for a bare annotation ({@code @fact}). */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
