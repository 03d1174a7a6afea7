package io.shoprules.decisions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The {@code payload} of decision-log rows as their decisions are added: one decision alone, or a
 * JSON array of several, never longer than a column holds unless one decision alone is. Every
 * decision of a batch is written by one generator into one growing text, so a row's JSON is copied
 * once, into its string: a listing's twenty decisions were each a string of their own, copied
 * again into their array.
 */
final class RowPayload extends Writer {

    private final int maxLength;
    private final ObjectMapper json;
    /** '[' and the row's decisions so far, separated by commas, without the closing bracket. */
    private final StringBuilder text = new StringBuilder(1024);
    private JsonGenerator generator;
    private int count;

    RowPayload(ObjectMapper json, int maxLength) {
        this.json = json;
        this.maxLength = maxLength;
        text.append('[');
    }

    /**
     * Adds a decision to the row, written as JSON or, when {@code written} is not null, as given.
     * Returns the payload of the decisions before it when it does not fit beside them; the row then
     * holds this decision alone.
     */
    String add(Object decision, String written) {
        int before = text.length();
        if (count > 0) {
            text.append(',');
        }
        int from = text.length();
        if (written != null) {
            text.append(written);
        } else {
            writeJson(decision);
        }
        if (count == 0 || text.length() + 1 <= maxLength) {
            count++;
            return null;
        }
        String alone = text.substring(from);
        text.setLength(before);
        String full = payload();
        text.append(alone);
        count = 1;
        return full;
    }

    /** The row's payload, and an empty row for the next. */
    String payload() {
        String payload = count == 1 ? text.substring(1) : text.append(']').toString();
        text.setLength(0);
        text.append('[');
        count = 0;
        return payload;
    }

    int count() {
        return count;
    }

    private void writeJson(Object decision) {
        try {
            if (generator == null) {
                generator = json.createGenerator(this);
                // the rows' separators are ours: Jackson would put a space between two values at the root
                generator.setRootValueSeparator(null);
            }
            json.writeValue(generator, decision);
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a decision could not be written as JSON", e);
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) {
        text.append(string, offset, offset + length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
