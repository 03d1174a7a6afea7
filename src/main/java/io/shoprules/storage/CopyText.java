package io.shoprules.storage;

/**
 * Values in PostgreSQL's {@code COPY ... FROM STDIN} text format: columns apart by tabs, rows by
 * newlines, so a value's own backslashes, tabs, newlines and carriage returns go escaped. Null is
 * written {@code \N} by the caller, which never collides with an escaped value ({@code \\N}).
 */
public final class CopyText {

    private CopyText() {
    }

    /** Appends {@code value} escaped. */
    public static void append(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
