package io.shoprules.actions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
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
        List<?> rows = entityManager.createNativeQuery("select episode, is_open from action_episode"
                        + " where rule_set = ?1 and type = ?2 and subject = ?3")
                .setParameter(1, episode.ruleSet()).setParameter(2, episode.type()).setParameter(3, episode.about())
                .getResultList();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long number;
        if (rows.isEmpty()) {
            number = 1;
            // a concurrent first opener makes this insert fail on the primary key: a write conflict
            entityManager.createNativeQuery("insert into action_episode (rule_set, type, subject, episode, is_open, scope,"
                            + " opened_at) values (?1, ?2, ?3, 1, true, ?4, ?5)")
                    .setParameter(1, episode.ruleSet()).setParameter(2, episode.type()).setParameter(3, episode.about())
                    .setParameter(4, scope).setParameter(5, now)
                    .executeUpdate();
        } else {
            Object[] row = (Object[]) rows.get(0);
            number = ((Number) row[0]).longValue();
            if (!Boolean.TRUE.equals(row[1])) {
                int opened = entityManager.createNativeQuery("update action_episode set episode = ?1, is_open = true,"
                                + " scope = ?2, opened_at = ?3, cleared_at = null"
                                + " where rule_set = ?4 and type = ?5 and subject = ?6 and is_open = false and episode = ?7")
                        .setParameter(1, number + 1).setParameter(2, scope).setParameter(3, now)
                        .setParameter(4, episode.ruleSet()).setParameter(5, episode.type()).setParameter(6, episode.about())
                        .setParameter(7, number)
                        .executeUpdate();
                if (opened != 1) {
                    throw new EpisodeRace(episode);
                }
                number++;
            }
        }
        return ActionHook.key(episode.type(), episode.about(), "episode", number);
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
