package io.shoprules.actions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;

import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * The episodes of decisions that become an action "once per episode" ({@code once: EPISODE} in a
 * rule set's {@code actions.yaml}): one action when the condition starts, none while it lasts, and
 * another only after a later scan evaluated everything that could produce it (its {@code scope}: the
 * fact, or the fact's scan group) and the decision did not come out.
 *
 * <p>Runs in the transaction of the job batch. Two batches racing to open the same episode cannot
 * both win: a first episode is an insert on the primary key, a later one a conditional update
 * ({@code is_open = false and episode = n}); the loser fails with a write conflict and its batch is
 * redone from a fresh read, which finds the winner's episode and its action.
 */
@ApplicationScoped
public class Episodes {

    private static final int IN_CHUNK = 500;

    private final EntityManager entityManager;
    private final Clock clock;

    public Episodes(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** What an episode is about: its rule set, decision type and subject (the {@code episodeOf} fields' values). */
    public record Episode(String ruleSet, String type, String about) {
    }

    /**
     * The idempotency key of the action for a decision in {@code episode}: {@code RESTOCK:sku-1:episode:3}.
     * Opens the next episode when none is open.
     *
     * @param scope what a later scan must evaluate to see the condition cleared (a fact id or scan group)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String key(Episode episode, String scope) {
        return keys(Map.of(episode, scope)).get(episode);
    }

    /**
     * {@link #key} for all the episodes of a batch at once: one look-up per type and chunk, then the
     * new episodes inserted and the closed ones reopened as JDBC batches, where one query per
     * decision made a nightly scan pay two round trips for every restock.
     *
     * @param scopes per episode, what a later scan must evaluate to see it cleared
     * @return per episode, the idempotency key of its action
     * @throws EpisodeRace when another transaction opened one of them meanwhile (a write conflict)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Episode, String> keys(Map<Episode, String> scopes) {
        if (scopes.isEmpty()) {
            return Map.of();
        }
        Map<Episode, long[]> stored = stored(scopes.keySet());
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<Episode, String> keys = new HashMap<>();
        List<Episode> first = new ArrayList<>();
        List<Episode> reopened = new ArrayList<>();
        for (Episode episode : scopes.keySet()) {
            long[] row = stored.get(episode);
            long number;
            if (row == null) {
                number = 1;
                first.add(episode);
            } else if (row[1] == 0) {
                number = row[0] + 1;
                reopened.add(episode);
            } else {
                number = row[0];
            }
            keys.put(episode, ActionHook.key(episode.type(), episode.about(), "episode", number));
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            // a concurrent first opener makes an insert fail on the primary key: a write conflict
            try (PreparedStatement insert = connection.prepareStatement("insert into action_episode (rule_set, type,"
                    + " subject, episode, is_open, scope, opened_at) values (?, ?, ?, 1, true, ?, ?)")) {
                for (Episode episode : first) {
                    insert.setString(1, episode.ruleSet());
                    insert.setString(2, episode.type());
                    insert.setString(3, episode.about());
                    insert.setString(4, scopes.get(episode));
                    insert.setObject(5, now);
                    insert.addBatch();
                }
                if (!first.isEmpty()) {
                    insert.executeBatch();
                }
            }
            try (PreparedStatement reopen = connection.prepareStatement("update action_episode set episode = ?,"
                    + " is_open = true, scope = ?, opened_at = ?, cleared_at = null"
                    + " where rule_set = ? and type = ? and subject = ? and is_open = false and episode = ?")) {
                for (Episode episode : reopened) {
                    long was = stored.get(episode)[0];
                    reopen.setLong(1, was + 1);
                    reopen.setString(2, scopes.get(episode));
                    reopen.setObject(3, now);
                    reopen.setString(4, episode.ruleSet());
                    reopen.setString(5, episode.type());
                    reopen.setString(6, episode.about());
                    reopen.setLong(7, was);
                    reopen.addBatch();
                }
                if (!reopened.isEmpty()) {
                    int[] counts = reopen.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        // another batch reopened it first (its number moved on): the loser redoes its batch
                        if (counts[i] == 0) {
                            throw new EpisodeRace(reopened.get(i));
                        }
                    }
                }
            }
        });
        return keys;
    }

    /** Per episode that has a row: its number and whether it is open (1) or closed (0). */
    private Map<Episode, long[]> stored(Collection<Episode> episodes) {
        Map<String, Map<String, List<Episode>>> byRuleSetAndType = new HashMap<>();
        for (Episode episode : episodes) {
            byRuleSetAndType.computeIfAbsent(episode.ruleSet(), k -> new HashMap<>())
                    .computeIfAbsent(episode.type(), k -> new ArrayList<>()).add(episode);
        }
        Map<Episode, long[]> stored = new HashMap<>();
        byRuleSetAndType.forEach((ruleSet, byType) -> byType.forEach((type, ofType) -> {
            List<String> subjects = ofType.stream().map(Episode::about).distinct().toList();
            for (int from = 0; from < subjects.size(); from += IN_CHUNK) {
                List<?> rows = entityManager.createNativeQuery("select subject, episode, is_open from action_episode"
                                + " where rule_set = ?1 and type = ?2 and subject in (?3)")
                        .setParameter(1, ruleSet).setParameter(2, type)
                        .setParameter(3, subjects.subList(from, Math.min(subjects.size(), from + IN_CHUNK)))
                        .getResultList();
                for (Object result : rows) {
                    Object[] row = (Object[]) result;
                    stored.put(new Episode(ruleSet, type, (String) row[0]),
                            new long[] {((Number) row[1]).longValue(), Boolean.TRUE.equals(row[2]) ? 1 : 0});
                }
            }
        }));
        return stored;
    }

    /**
     * Closes the open episodes of {@code types} whose scope this batch evaluated ({@code seen}) and
     * whose decision did not come out of it ({@code decided}): the condition was seen cleared.
     *
     * @return how many episodes closed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int clear(String ruleSet, Set<String> types, Set<String> seen, Set<Episode> decided) {
        if (types.isEmpty() || seen.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> scopes = new ArrayList<>(seen);
        int closed = 0;
        for (int from = 0; from < scopes.size(); from += IN_CHUNK) {
            Collection<String> chunk = scopes.subList(from, Math.min(scopes.size(), from + IN_CHUNK));
            List<?> open = entityManager.createNativeQuery("select type, subject, episode from action_episode"
                            + " where rule_set = ?1 and is_open = true and scope in (?2)")
                    .setParameter(1, ruleSet).setParameter(2, chunk)
                    .getResultList();
            for (Object result : open) {
                Object[] row = (Object[]) result;
                Episode episode = new Episode(ruleSet, (String) row[0], (String) row[1]);
                if (!types.contains(episode.type()) || decided.contains(episode)) {
                    continue;
                }
                // a batch that re-opened it meanwhile is left alone (its episode number moved on)
                closed += entityManager.createNativeQuery("update action_episode set is_open = false, cleared_at = ?1"
                                + " where rule_set = ?2 and type = ?3 and subject = ?4 and is_open = true and episode = ?5")
                        .setParameter(1, now).setParameter(2, ruleSet).setParameter(3, episode.type())
                        .setParameter(4, episode.about()).setParameter(5, ((Number) row[2]).longValue())
                        .executeUpdate();
            }
        }
        return closed;
    }

    /**
     * Another batch opened the same episode first. Carries SQLSTATE 40001 (serialization failure) so
     * the job treats it like any lost write race: it redoes the batch, which then finds that episode.
     */
    static final class EpisodeRace extends RuntimeException {
        EpisodeRace(Episode episode) {
            super("another batch opened the next episode of " + episode.type() + " " + episode.about() + " first",
                    new SQLException("episode opened concurrently", "40001"));
        }
    }
}
