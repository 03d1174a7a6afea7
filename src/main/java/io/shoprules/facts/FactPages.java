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

    private static final String COLUMNS = "select fact_id, payload, content_hash, scan_group from stored_fact";

    static final String PAGE = COLUMNS + " where rule_set = ? and fact_id > ? order by rule_set, fact_id limit ?";

    private static final String RANGE = COLUMNS
            + " where rule_set = ? and fact_id > ? and fact_id <= ? order by rule_set, fact_id";

    private static final String FIRST_GROUP_PAGE = COLUMNS
            + " where rule_set = ? order by rule_set, scan_group, fact_id limit ?";
    private static final String GROUP_PAGE = COLUMNS
            + " where rule_set = ? and (scan_group > ? or scan_group = ? and fact_id > ?)"
            + " order by rule_set, scan_group, fact_id limit ?";
    private static final String REST_OF_GROUP = COLUMNS
            + " where rule_set = ? and scan_group = ? and fact_id > ? order by rule_set, scan_group, fact_id";

    private FactPages() {
    }

    /** Up to {@code limit} facts of {@code ruleSet} whose id sorts after {@code after}. */
    public static List<StoredFactRow> page(Connection connection, String ruleSet, String after, int limit)
            throws SQLException {
        requirePositive(limit);
        try (PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, ruleSet);
            select.setString(2, after);
            select.setInt(3, limit);
            return rows(select, limit);
        }
    }

    /**
     * The facts of {@code ruleSet} whose id sorts after {@code after} and up to {@code upTo}: the
     * same page read again, with whatever was stored or removed in its range meanwhile.
     */
    public static List<StoredFactRow> range(Connection connection, String ruleSet, String after, String upTo)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(RANGE)) {
            select.setString(1, ruleSet);
            select.setString(2, after);
            select.setString(3, upTo);
            return rows(select, 1024);
        }
    }

    /**
     * The facts of a rule set scanned by groups, in (scan group, id) order after row {@code after}
     * (from the start when null): {@code limit} facts, plus the rest of the last one's group, so a
     * group never straddles two pages. Facts stored without a group are not part of such a scan.
     */
    public static List<StoredFactRow> groupPage(Connection connection, String ruleSet, StoredFactRow after, int limit)
            throws SQLException {
        requirePositive(limit);
        List<StoredFactRow> rows;
        try (PreparedStatement select = connection.prepareStatement(after == null ? FIRST_GROUP_PAGE : GROUP_PAGE)) {
            int i = 1;
            select.setString(i++, ruleSet);
            if (after != null) {
                select.setString(i++, after.scanGroup());
                select.setString(i++, after.scanGroup());
                select.setString(i++, after.factId());
            }
            select.setInt(i, limit);
            rows = rows(select, limit);
        }
        if (rows.size() == limit) {
            StoredFactRow last = rows.get(rows.size() - 1);
            try (PreparedStatement rest = connection.prepareStatement(REST_OF_GROUP)) {
                rest.setString(1, ruleSet);
                rest.setString(2, last.scanGroup());
                rest.setString(3, last.factId());
                rows.addAll(rows(rest, limit));
            }
        }
        return rows;
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one fact, not " + limit);
        }
    }

    private static List<StoredFactRow> rows(PreparedStatement select, int fetchSize) throws SQLException {
        select.setFetchSize(fetchSize);
        List<StoredFactRow> rows = new ArrayList<>(Math.min(fetchSize, 1024));
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new StoredFactRow(result.getString(1), result.getString(2), result.getString(3),
                        result.getString(4)));
            }
        }
        return rows;
    }
}
