package io.shoprules.facts;

import io.shoprules.engine.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code stored_fact} table. Plain JDBC: upserts go out as JDBC batches, and scans read pages
 * by keyset (see {@link FactPages}). Connections taken inside a transaction are enlisted in it, so
 * these writes commit or roll back together with whatever else the transaction wrote.
 */
@ApplicationScoped
public class FactStore {

    /** Largest stored fact, in characters; the column holds 1,000,000. */
    public static final int MAX_PAYLOAD = 1_000_000;
    public static final int MAX_ID = 128;
    private static final int IN_CHUNK = 500;

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    public FactStore(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
    }

    /** A fact ready to store: its id, its JSON with that JSON's hash, and its scan group (or null). */
    public record PreparedFact(String factId, String payload, String contentHash, String scanGroup) {
    }

    /** The stored form of a typed fact: the JSON the service itself writes for it, and its hash. */
    public PreparedFact prepare(String factId, Object fact, String scanGroup) {
        try {
            String payload = json.writeValueAsString(fact);
            return new PreparedFact(factId, payload, hashOf(payload), scanGroup);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fact " + factId + " cannot be written as JSON", e);
        }
    }

    /** Inserts new facts and rewrites changed ones, all in one transaction; unchanged ones are left alone. */
    @Transactional
    public UpsertResult upsert(String ruleSet, List<PreparedFact> facts) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        try (Connection connection = dataSource.getConnection()) {
            Map<String, String> stored = hashesOf(connection, ruleSet, facts);
            List<PreparedFact> inserts = new ArrayList<>();
            List<PreparedFact> updates = new ArrayList<>();
            for (PreparedFact fact : facts) {
                String hash = stored.get(fact.factId());
                if (hash == null) {
                    inserts.add(fact);
                } else if (!hash.equals(fact.contentHash())) {
                    updates.add(fact);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into stored_fact (rule_set, fact_id, payload, content_hash, updated_at, scan_group) values (?, ?, ?, ?, ?, ?)")) {
                for (PreparedFact fact : inserts) {
                    insert.setString(1, ruleSet);
                    insert.setString(2, fact.factId());
                    insert.setString(3, fact.payload());
                    insert.setString(4, fact.contentHash());
                    insert.setObject(5, now);
                    insert.setString(6, fact.scanGroup());
                    insert.addBatch();
                }
                if (!inserts.isEmpty()) {
                    insert.executeBatch();
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update stored_fact set payload = ?, content_hash = ?, updated_at = ?, scan_group = ? where rule_set = ? and fact_id = ?")) {
                for (PreparedFact fact : updates) {
                    update.setString(1, fact.payload());
                    update.setString(2, fact.contentHash());
                    update.setObject(3, now);
                    update.setString(4, fact.scanGroup());
                    update.setString(5, ruleSet);
                    update.setString(6, fact.factId());
                    update.addBatch();
                }
                if (!updates.isEmpty()) {
                    update.executeBatch();
                }
            }
            return new UpsertResult(ruleSet, facts.size(), inserts.size(), updates.size(),
                    facts.size() - inserts.size() - updates.size());
        } catch (SQLException e) {
            throw new FactStoreException("storing facts of " + ruleSet + " failed", e);
        }
    }

    /**
     * Replaces a stored fact, but only if it still has the content {@code expectedHash} (the content
     * a job read): a fact the shop re-posted meanwhile wins. Runs in the caller's transaction.
     *
     * @return whether the fact was replaced
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean replace(String ruleSet, PreparedFact fact, String expectedHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update stored_fact set payload = ?, content_hash = ?,"
                     + " updated_at = ? where rule_set = ? and fact_id = ? and content_hash = ?")) {
            update.setString(1, fact.payload());
            update.setString(2, fact.contentHash());
            update.setObject(3, OffsetDateTime.now(clock));
            update.setString(4, ruleSet);
            update.setString(5, fact.factId());
            update.setString(6, expectedHash);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FactStoreException("updating fact " + fact.factId() + " of " + ruleSet + " failed", e);
        }
    }

    /** One page of a scan: see {@link FactPages}. Runs on its own short connection. */
    public List<StoredFactRow> page(String ruleSet, String after, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return FactPages.page(connection, ruleSet, after, limit);
        } catch (SQLException e) {
            throw new FactStoreException("reading facts of " + ruleSet + " failed", e);
        }
    }

    /** The facts of a scan whose ids sort after {@code after} and up to {@code upTo}: a page read again. */
    public List<StoredFactRow> range(String ruleSet, String after, String upTo) {
        try (Connection connection = dataSource.getConnection()) {
            return FactPages.range(connection, ruleSet, after, upTo);
        } catch (SQLException e) {
            throw new FactStoreException("reading facts of " + ruleSet + " failed", e);
        }
    }

    /** One page of a scan by groups, whole groups only: see {@link FactPages#groupPage}. */
    public List<StoredFactRow> groupPage(String ruleSet, StoredFactRow after, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return FactPages.groupPage(connection, ruleSet, after, limit);
        } catch (SQLException e) {
            throw new FactStoreException("reading facts of " + ruleSet + " failed", e);
        }
    }

    /**
     * Up to {@code limit} stored facts of {@code ruleSet} in the scan groups {@code groups}, in
     * group and id order: the history a request's facts are judged with (one SKU's earlier reviews).
     */
    public List<StoredFactRow> inGroups(String ruleSet, java.util.Collection<String> groups, int limit) {
        if (groups.isEmpty()) {
            return List.of();
        }
        // a join with a VALUES list, as in hashesOf: each group is looked up in the scan-group index
        String values = String.join(", ", java.util.Collections.nCopies(groups.size(), "(?)"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select f.fact_id, f.payload, f.content_hash,"
                     + " f.scan_group from (values " + values + ") g (scan_group) join stored_fact f on f.rule_set = ?"
                     + " and f.scan_group = g.scan_group order by f.scan_group, f.fact_id limit ?")) {
            int parameter = 1;
            for (String group : groups) {
                select.setString(parameter++, group);
            }
            select.setString(parameter++, ruleSet);
            select.setInt(parameter, limit);
            List<StoredFactRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new StoredFactRow(result.getString(1), result.getString(2), result.getString(3),
                            result.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new FactStoreException("reading facts of " + ruleSet + " failed", e);
        }
    }

    public Optional<StoredFactView> find(String ruleSet, String factId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select payload, content_hash, updated_at from stored_fact where rule_set = ? and fact_id = ?")) {
            select.setString(1, ruleSet);
            select.setString(2, factId);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredFactView(ruleSet, factId, result.getObject(3, OffsetDateTime.class),
                        result.getString(2), json.readTree(result.getString(1))));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new FactStoreException("reading fact " + factId + " of " + ruleSet + " failed", e);
        }
    }

    @Transactional
    public boolean delete(String ruleSet, String factId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from stored_fact where rule_set = ? and fact_id = ?")) {
            delete.setString(1, ruleSet);
            delete.setString(2, factId);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FactStoreException("deleting fact " + factId + " of " + ruleSet + " failed", e);
        }
    }

    public long count(String ruleSet) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select count(*) from stored_fact where rule_set = ?")) {
            select.setString(1, ruleSet);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new FactStoreException("counting facts of " + ruleSet + " failed", e);
        }
    }

    private static Map<String, String> hashesOf(Connection connection, String ruleSet, List<PreparedFact> facts)
            throws SQLException {
        Map<String, String> hashes = new HashMap<>();
        for (int from = 0; from < facts.size(); from += IN_CHUNK) {
            List<PreparedFact> chunk = facts.subList(from, Math.min(facts.size(), from + IN_CHUNK));
            // A join with a VALUES list rather than "fact_id in (...)": H2 answers the IN list by scanning
            // every row of the rule set, while the join looks each id up in the primary key (so does PostgreSQL).
            String ids = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?)"));
            try (PreparedStatement select = connection.prepareStatement("select f.fact_id, f.content_hash from (values "
                    + ids + ") ids (id) join stored_fact f on f.rule_set = ? and f.fact_id = ids.id")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i).factId());
                }
                select.setString(chunk.size() + 1, ruleSet);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        hashes.put(result.getString(1), result.getString(2));
                    }
                }
            }
        }
        return hashes;
    }

    public static String hashOf(String payload) {
        return Sha256.hexOf(payload);
    }
}
