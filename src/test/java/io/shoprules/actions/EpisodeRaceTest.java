package io.shoprules.actions;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.shoprules.facts.WriteConflicts;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two batches (two instances) make the same episode decision at the same moment: whichever way the
 * race goes, there is one episode, and the loser, if it lost, lost with a write conflict its job
 * answers by redoing the batch, which then maps to the winner's key.
 */
@QuarkusTest
class EpisodeRaceTest {

    private static final Episodes.Episode EPISODE = new Episodes.Episode("inventory", "RESTOCK", "race-sku");

    @Inject
    Episodes episodes;

    @BeforeEach
    void noEpisodes() throws SQLException {
        try (Connection connection = Arc.container().instance(DataSource.class).get().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from action_episode");
        }
    }

    @Test
    void twoBatchesOpeningTheFirstEpisodeAtOnceOpenOne() throws Exception {
        assertEquals("RESTOCK:race-sku:episode:1", race());
        assertEquals(1, episodeRows());
    }

    @Test
    void twoBatchesReopeningAClearedEpisodeAtOnceOpenOneMore() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> episodes.key(EPISODE, "race-sku"));
        QuarkusTransaction.requiringNew().run(() -> episodes.clear("inventory", Set.of("RESTOCK"), Set.of("race-sku"), Set.of()));
        assertEquals("RESTOCK:race-sku:episode:2", race());
        assertEquals(1, episodeRows());
    }

    /** The key both batches end with (the loser after its redo). */
    private String race() throws Exception {
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            String key = episodes.key(EPISODE, "race-sku");
            firstWrote.countDown();
            secondStarted.await(10, TimeUnit.SECONDS);
            Thread.sleep(300); // the second batch is now blocked on (or past) our uncommitted episode
            return key;
        }));
        assertTrue(firstWrote.await(10, TimeUnit.SECONDS));
        String second = null;
        try {
            second = QuarkusTransaction.requiringNew().call(() -> {
                secondStarted.countDown();
                return episodes.key(EPISODE, "race-sku");
            });
        } catch (RuntimeException lost) {
            assertTrue(WriteConflicts.isConflict(lost), () -> "a conflict, not " + lost);
        }
        String won = first.get(10, TimeUnit.SECONDS);
        if (second != null) {
            assertEquals(won, second);
        }
        // the redo after a conflict finds the winner's open episode
        assertEquals(won, QuarkusTransaction.requiringNew().call(() -> episodes.key(EPISODE, "race-sku")));
        return won;
    }

    private static int episodeRows() throws SQLException {
        try (Connection connection = Arc.container().instance(DataSource.class).get().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from action_episode")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
