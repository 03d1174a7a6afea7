package io.shoprules.facts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stored facts of a rule set one page at a time, by keyset: the page after fact id
 * {@code after}, in id order. A page is one short query on the primary key, so a scan holds at
 * most one page in memory and no transaction or cursor stays open between pages.
 *
 * <p>Plain JDBC on purpose: the job and the scan benchmark ({@code bench/}) use this same code.
 */
public final class FactPages {

    /** Before every real fact id: ids are never blank. */
    public static final String START = "";

    static final String PAGE = "select fact_id, payload, content_hash from stored_fact"
            + " where rule_set = ? and fact_id > ? order by rule_set, fact_id limit ?";

    private FactPages() {
    }

    /** Up to {@code limit} facts of {@code ruleSet} whose id sorts after {@code after}. */
    public static List<StoredFactRow> page(Connection connection, String ruleSet, String after, int limit)
            throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one fact, not " + limit);
        }
        try (PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, ruleSet);
            select.setString(2, after);
            select.setInt(3, limit);
            select.setFetchSize(limit);
            List<StoredFactRow> rows = new ArrayList<>(Math.min(limit, 1024));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new StoredFactRow(result.getString(1), result.getString(2), result.getString(3)));
                }
            }
            return rows;
        }
    }
}
