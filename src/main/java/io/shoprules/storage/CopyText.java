package io.shoprules.storage;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows into PostgreSQL by {@code COPY ... FROM STDIN}, in its text format: columns apart by tabs,
 * rows by newlines, so a value's own backslashes, tabs, newlines and carriage returns go escaped,
 * and null is {@code \N} (which never collides with an escaped value, {@code \\N}).
 *
 * <p>Why COPY: it parses text straight into tuples, where an {@code insert ... select from
 * unnest(...)} of the same rows takes each through the casts and the insert executor. Rows that
 * need ids take them from their sequence in one query ({@link #nextIds}) and carry them in the text.
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

    /** {@code count} values of {@code sequence}, in one round trip. */
    public static long[] nextIds(Connection connection, String sequence, int count) throws SQLException {
        long[] ids = new long[count];
        try (PreparedStatement next = connection.prepareStatement(
                "select nextval('" + sequence + "') from generate_series(1, ?)")) {
            next.setInt(1, count);
            try (ResultSet result = next.executeQuery()) {
                for (int i = 0; i < count && result.next(); i++) {
                    ids[i] = result.getLong(1);
                }
            }
        }
        return ids;
    }

    /**
     * Copies {@code rows} (each value a string, number, {@link OffsetDateTime} or null, in the
     * order {@code copy} names the columns) with {@code copy}, a {@code copy <table> (...) from stdin}.
     * Rows usually share their times: each distinct time object is formatted once.
     */
    public static void copyIn(Connection connection, String copy, List<Object[]> rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 400);
        Map<Object, String> times = new IdentityHashMap<>();
        for (Object[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    text.append('\t');
                }
                Object value = row[column];
                if (value == null) {
                    text.append("\\N");
                } else if (value instanceof OffsetDateTime time) {
                    text.append(times.computeIfAbsent(time, Object::toString));
                } else if (value instanceof Number number) {
                    text.append(number);
                } else {
                    append(text, value.toString());
                }
            }
            text.append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("copying rows failed: " + copy, e);
        }
    }
}
