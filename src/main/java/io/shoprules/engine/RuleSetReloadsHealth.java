package io.shoprules.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Down when the check of an edit (compile and scenarios) has run far past its limit: the
 * evaluation limits should have ended it, so a thread is stuck where no budget reaches, and
 * restarting the instance is the remedy. The serving versions are not affected meanwhile.
 */
@Liveness
@ApplicationScoped
public class RuleSetReloadsHealth implements HealthCheck {

    /** Compiling comes on top of the scenarios' limit; a large rule set compiles in tens of seconds. */
    private static final Duration COMPILE_ALLOWANCE = Duration.ofMinutes(1);

    private final RuleSets ruleSets;
    private final Duration stuckAfter;
    private final Clock clock;

    public RuleSetReloadsHealth(RuleSets ruleSets, EngineConfig config, Clock clock) {
        this.ruleSets = ruleSets;
        this.stuckAfter = config.rules().maxCheckTime().plus(COMPILE_ALLOWANCE);
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Instant> stuck = ruleSets.checksRunningSince(Instant.now(clock).minus(stuckAfter));
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rule set reloads").status(stuck.isEmpty());
        stuck.forEach((name, since) -> response.withData(name, "checking an edit since " + since));
        return response.build();
    }
}
