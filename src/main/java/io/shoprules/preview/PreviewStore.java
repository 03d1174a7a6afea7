package io.shoprules.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.shoprules.cluster.ThisInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code preview} table: each preview's last state as {@code GET /api/previews/{id}} shows it,
 * so that any instance behind the balancer answers for a preview another instance runs, and a
 * preview outlives a restart. Plain JDBC, each statement committed on its own: a row is one
 * preview's whole state, written by the one thread that runs it.
 */
@ApplicationScoped
public class PreviewStore {

    private static final Logger LOG = Logger.getLogger(PreviewStore.class);
    /** Previews kept; older ones are deleted as new ones start. */
    static final int KEPT = 50;

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;
    private final String instance;

    public PreviewStore(DataSource dataSource, ObjectMapper json, Clock clock, ThisInstance instance) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
        this.instance = instance.name();
    }

    /**
     * At start-up no preview of this instance is under way, so any of its previews still RUNNING
     * was cut off by a kill or crash and would show RUNNING for ever. Other instances' are theirs.
     */
    void failOrphans(@Observes StartupEvent event) throws SQLException {
        List<PreviewView> orphans = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select view_json from preview where status = ? and instance_name = ?")) {
            select.setString(1, PreviewStatus.RUNNING.name());
            select.setString(2, instance);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    orphans.add(read(rows.getString(1)));
                }
            }
        }
        for (PreviewView orphan : orphans) {
            save(orphan.failed("instance " + instance + " stopped during the preview; start it again",
                    OffsetDateTime.now(clock)));
        }
        if (!orphans.isEmpty()) {
            LOG.warnf("%d previews of instance %s were left RUNNING by its last life: marked FAILED", orphans.size(), instance);
        }
    }

    /** Stores a preview that starts, and deletes all but the newest {@link #KEPT}. */
    void started(PreviewView view) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into preview"
                     + " (id, rule_set, status, started_at, instance_name, view_json) values (?, ?, ?, ?, ?, ?)");
             PreparedStatement prune = connection.prepareStatement("delete from preview where id in"
                     + " (select id from preview order by started_at desc, id offset " + KEPT + " rows)")) {
            insert.setString(1, view.id());
            insert.setString(2, view.ruleSet());
            insert.setString(3, view.status().name());
            insert.setObject(4, view.startedAt());
            insert.setString(5, instance);
            insert.setString(6, write(view));
            insert.executeUpdate();
            prune.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("preview " + view.id() + " could not be stored", e);
        }
    }

    /** Replaces a stored preview's state with {@code view}. */
    void save(PreviewView view) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update preview set status = ?, view_json = ? where id = ?")) {
            update.setString(1, view.status().name());
            update.setString(2, write(view));
            update.setString(3, view.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("preview " + view.id() + " could not be stored", e);
        }
    }

    Optional<PreviewView> find(String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select view_json from preview where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("preview " + id + " could not be read", e);
        }
    }

    private String write(PreviewView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("preview " + view.id() + " could not be written as JSON", e);
        }
    }

    private PreviewView read(String stored) {
        try {
            return json.readValue(stored, PreviewView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored preview could not be read", e);
        }
    }
}
