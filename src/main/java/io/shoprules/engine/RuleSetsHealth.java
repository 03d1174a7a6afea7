package io.shoprules.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every rule set on disk has a version serving. */
@Readiness
@ApplicationScoped
public class RuleSetsHealth implements HealthCheck {

    private final RuleSets ruleSets;

    public RuleSetsHealth(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rule sets").status(ruleSets.allServing());
        for (RuleSetStatus status : ruleSets.statuses()) {
            response.withData(status.name(), status.version() == null ? "not serving" : status.version());
        }
        return response.build();
    }
}
