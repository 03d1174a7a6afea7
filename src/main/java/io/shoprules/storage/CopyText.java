package io.shoprules.storage;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

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

    /** Well under the smallest humongous size (512 KB with G1's 1 MB regions), even as UTF-16 and as UTF-8. */
    private static final int PIECE_CHARS = 32 * 1024;

    private CopyText() {
    }

    /** Appends {@code value} escaped. */
    public static void append(StringBuilder text, String value) {
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        // most values need no escape: they go in as one copy
        if (plain == value.length()) {
            text.append(value);
            return;
        }
        text.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
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

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
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
     * As {@link #copyIn}, each row's first value set to a new id of {@code sequence} ({@link #nextIds}):
     * {@code copy} names the id column first.
     */
    public static void copyInWithIds(Connection connection, String sequence, String copy, List<Object[]> rows)
            throws SQLException {
        long[] ids = nextIds(connection, sequence, rows.size());
        for (int row = 0; row < rows.size(); row++) {
            rows.get(row)[0] = ids[row];
        }
        copyIn(connection, copy, rows);
    }

    /**
     * Copies {@code rows} (each value a string, number, {@link OffsetDateTime} or null, in the
     * order {@code copy} names the columns) with {@code copy}, a {@code copy <table> (...) from stdin}.
     * Rows usually share their times: each distinct time object is formatted once.
     *
     * <p>The text goes to the server in pieces of about {@value #PIECE_CHARS} characters, each
     * ending with a row. A batch of listing decisions written as one text was megabytes: G1 took
     * every such string as a humongous object (half a region or more), and each one started a
     * concurrent cycle, 40 in 10 seconds of figure 1's listing load, with remark pauses of up to 27 ms.
     */
    public static void copyIn(Connection connection, String copy, List<Object[]> rows) throws SQLException {
        StringBuilder text = new StringBuilder(PIECE_CHARS + PIECE_CHARS / 4);
        Times times = new Times();
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        try {
            for (Object[] row : rows) {
                appendRow(text, row, times);
                if (text.length() >= PIECE_CHARS) {
                    send(in, text);
                }
            }
            send(in, text);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void appendRow(StringBuilder text, Object[] row, Times times) {
        for (int column = 0; column < row.length; column++) {
            if (column > 0) {
                text.append('\t');
            }
            Object value = row[column];
            if (value == null) {
                text.append("\\N");
            } else if (value instanceof OffsetDateTime time) {
                text.append(times.format(time));
            } else if (value instanceof Number number) {
                text.append(number);
            } else {
                append(text, value.toString());
            }
        }
        text.append('\n');
    }

    private static void send(CopyIn in, StringBuilder text) throws SQLException {
        if (text.length() == 0) {
            return;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** The last few times formatted, found by identity: a write's rows share a handful of time objects. */
    private static final class Times {
        private final OffsetDateTime[] times = new OffsetDateTime[4];
        private final String[] texts = new String[4];
        private int next;

        String format(OffsetDateTime time) {
            for (int i = 0; i < times.length; i++) {
                if (times[i] == time) {
                    return texts[i];
                }
            }
            String text = time.toString();
            times[next] = time;
            texts[next] = text;
            next = (next + 1) % times.length;
            return text;
        }
    }
}
