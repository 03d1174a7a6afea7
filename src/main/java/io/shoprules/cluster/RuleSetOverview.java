package io.shoprules.cluster;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.shoprules.engine.RuleSetStatus;
import io.shoprules.engine.RuleSets;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Each rule set's status here, with the version every live instance serves of it. */
@ApplicationScoped
public class RuleSetOverview {

    private final RuleSets ruleSets;
    private final Heartbeats heartbeats;

    public RuleSetOverview(RuleSets ruleSets, Heartbeats heartbeats) {
        this.ruleSets = ruleSets;
        this.heartbeats = heartbeats;
    }

    public List<RuleSetAcrossInstances> all() {
        List<LiveInstance> live = heartbeats.live();
        List<RuleSetAcrossInstances> all = new ArrayList<>();
        for (RuleSetStatus status : ruleSets.statuses()) {
            List<ServedBy> servedBy = new ArrayList<>();
            for (LiveInstance instance : live) {
                servedBy.add(new ServedBy(instance.name(), instance.serving().get(status.name()), instance.lastSeen()));
            }
            all.add(new RuleSetAcrossInstances(status, servedBy));
        }
        return all;
    }

    /** A rule set's status on this instance, and {@code instances}: what each live instance serves. */
    public record RuleSetAcrossInstances(@JsonUnwrapped RuleSetStatus status, List<ServedBy> instances) {
    }

    /** The version {@code instance} serves (null: none), as it said at {@code seenAt}. */
    public record ServedBy(String instance, String version, OffsetDateTime seenAt) {
    }
}
