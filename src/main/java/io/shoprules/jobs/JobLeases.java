package io.shoprules.jobs;

import io.shoprules.cluster.ClusterConfig;
import io.shoprules.cluster.ThisInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The {@code job_lease} table: which instance runs a rule set's job now. A run takes the lease
 * with one conditional update, so two instances, or a scheduled and a manual run, never scan at
 * once; a holder that has stopped writing its heartbeat loses the lease to the next taker, whose
 * run then completes what the lost one left (re-runs are safe: see {@link JobRunner}).
 */
@ApplicationScoped
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class);

    private final EntityManager entityManager;
    private final ThisInstance instance;
    private final ClusterConfig config;
    private final JobRuns runs;
    private final Clock clock;

    public JobLeases(EntityManager entityManager, ThisInstance instance, ClusterConfig config, JobRuns runs, Clock clock) {
        this.entityManager = entityManager;
        this.instance = instance;
        this.config = config;
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * Takes the lease of {@code ruleSet}'s job for this instance.
     *
     * @return empty when taken, else the live instance that holds it
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> take(String ruleSet) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime fresh = now.minus(config.staleAfter());
        entityManager.createNativeQuery("insert into job_lease (rule_set) select ?1 where not exists"
                + " (select 1 from job_lease where rule_set = ?1)").setParameter(1, ruleSet).executeUpdate();
        String before = holder(ruleSet);
        int taken = entityManager.createNativeQuery("update job_lease set holder = ?1, taken_at = ?2 where rule_set = ?3"
                        + " and (holder is null or holder = ?1 or holder not in"
                        + " (select instance_name from service_instance where last_seen > ?4))")
                .setParameter(1, instance.name()).setParameter(2, now).setParameter(3, ruleSet).setParameter(4, fresh)
                .executeUpdate();
        if (taken == 0) {
            return Optional.of(Optional.ofNullable(holder(ruleSet)).orElse("another instance"));
        }
        if (before != null && !before.equals(instance.name())) {
            int abandoned = runs.abandonRunsOf(ruleSet, before);
            LOG.warnf("job %s: instance %s stopped answering while it held the job; %s takes it over (%d runs marked ABANDONED)",
                    ruleSet, before, instance.name(), abandoned);
        }
        return Optional.empty();
    }

    /** Gives the lease back when this instance holds it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String ruleSet) {
        entityManager.createNativeQuery("update job_lease set holder = null, taken_at = null where rule_set = ?1 and holder = ?2")
                .setParameter(1, ruleSet).setParameter(2, instance.name()).executeUpdate();
    }

    private String holder(String ruleSet) {
        @SuppressWarnings("unchecked")
        List<String> holders = entityManager.createNativeQuery("select holder from job_lease where rule_set = ?1")
                .setParameter(1, ruleSet).getResultList();
        return holders.isEmpty() ? null : holders.get(0);
    }
}
