package io.shoprules.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.shoprules.engine.RuleSetStatus;
import io.shoprules.engine.RuleSets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code service_instance} table: every instance writes there, every few seconds, that it
 * lives and which version of each rule set it serves. From it {@code GET /api/rulesets} shows
 * what each live instance serves, and an instance that sees another serve a version it does not
 * looks at its rules folder at once rather than at the watcher's next turn.
 */
@ApplicationScoped
public class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class);
    private static final TypeReference<Map<String, String>> VERSIONS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final RuleSets ruleSets;
    private final ThisInstance instance;
    private final ClusterConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile OffsetDateTime startedAt;
    /** One beat at a time: each commits before the next looks for this instance's row. */
    private final ReentrantLock beating = new ReentrantLock();

    public Heartbeats(EntityManager entityManager, RuleSets ruleSets, ThisInstance instance, ClusterConfig config,
                      ObjectMapper json, Clock clock) {
        this.entityManager = entityManager;
        this.ruleSets = ruleSets;
        this.instance = instance;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The first beat goes on a thread of its own: on the main thread it was the start's first
     * Hibernate session and transaction, and the port opens only once the start-up observers return.
     * The scheduled beats take over {@code heartbeat-every} later, as before.
     */
    void firstBeat(@Observes StartupEvent event) {
        startedAt = OffsetDateTime.now(clock);
        Thread first = new Thread(() -> {
            beating.lock();
            try {
                beat();
            } catch (RuntimeException e) {
                LOG.warnf("instance %s: first heartbeat failed: %s", instance.name(), e.toString());
            } finally {
                beating.unlock();
            }
        }, "first-heartbeat");
        first.setDaemon(true);
        first.start();
    }

    void leave(@Observes ShutdownEvent event) {
        try {
            forget();
        } catch (RuntimeException e) {
            LOG.debugf(e, "instance %s: its heartbeat row could not be removed; it goes stale instead", instance.name());
        }
    }

    @Transactional
    void forget() {
        entityManager.createNativeQuery("delete from service_instance where instance_name = ?1")
                .setParameter(1, instance.name()).executeUpdate();
    }

    @Scheduled(identity = "instance-heartbeat", every = "${shoprules.cluster.heartbeat-every:2s}",
            delayed = "${shoprules.cluster.heartbeat-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beatAndCompare() {
        beating.lock();
        try {
            beat();
            // during the first load the versions missing here are still loading, not served differently
            if (ruleSets.startedUp() && servedDifferentlyElsewhere()) {
                ruleSets.reloadAll();
            }
        } catch (RuntimeException e) {
            // a database that is away for a while makes this instance look gone; it serves on regardless
            LOG.warnf("instance %s: heartbeat failed: %s", instance.name(), e.toString());
        } finally {
            beating.unlock();
        }
    }

    /** Writes this instance's row: alive now, serving these versions. */
    @Transactional
    public void beat() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String serving = servingJson();
        int updated = entityManager.createNativeQuery("update service_instance set last_seen = ?1, serving = ?2, host = ?3"
                        + " where instance_name = ?4")
                .setParameter(1, now).setParameter(2, serving).setParameter(3, instance.host())
                .setParameter(4, instance.name()).executeUpdate();
        if (updated == 0) {
            entityManager.createNativeQuery("insert into service_instance (instance_name, host, started_at, last_seen, serving)"
                            + " values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, instance.name()).setParameter(2, instance.host())
                    .setParameter(3, startedAt == null ? now : startedAt).setParameter(4, now).setParameter(5, serving)
                    .executeUpdate();
        } else if (startedAt != null) {
            entityManager.createNativeQuery("update service_instance set started_at = ?1 where instance_name = ?2"
                            + " and started_at < ?1")
                    .setParameter(1, startedAt).setParameter(2, instance.name()).executeUpdate();
        }
    }

    /** The instances heard from within {@code shoprules.cluster.stale-after}, by name. */
    @Transactional
    public List<LiveInstance> live() {
        OffsetDateTime fresh = OffsetDateTime.now(clock).minus(config.staleAfter());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select instance_name, host, started_at, last_seen, serving"
                        + " from service_instance where last_seen > ?1 order by instance_name")
                .setParameter(1, fresh).getResultList();
        List<LiveInstance> live = new ArrayList<>();
        for (Object[] row : rows) {
            live.add(new LiveInstance((String) row[0], (String) row[1], Timestamps.of(row[2]), Timestamps.of(row[3]),
                    versionsOf((String) row[4])));
        }
        return live;
    }

    private boolean servedDifferentlyElsewhere() {
        Map<String, String> mine = servingHere();
        for (LiveInstance other : live()) {
            if (other.name().equals(instance.name())) {
                continue;
            }
            for (Map.Entry<String, String> served : other.serving().entrySet()) {
                if (!served.getValue().equals(mine.get(served.getKey()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Map<String, String> servingHere() {
        Map<String, String> versions = new TreeMap<>();
        for (RuleSetStatus status : ruleSets.statuses()) {
            if (status.version() != null) {
                versions.put(status.name(), status.version());
            }
        }
        return versions;
    }

    private String servingJson() {
        try {
            return json.writeValueAsString(servingHere());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule-set versions are plain strings", e);
        }
    }

    private Map<String, String> versionsOf(String serving) {
        try {
            return json.readValue(serving, VERSIONS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
