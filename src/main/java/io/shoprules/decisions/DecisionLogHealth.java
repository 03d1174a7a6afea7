package io.shoprules.decisions;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The asynchronous decision log writer: DOWN while the database refuses its writes (entries wait in
 * the queue), with what it set aside. A wellness check, not readiness: one refused entry must not
 * take the instance out of service, and the database's own readiness check covers an outage.
 */
@Wellness
@ApplicationScoped
public class DecisionLogHealth implements HealthCheck {

    private final DecisionRecorder recorder;

    public DecisionLogHealth(DecisionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public HealthCheckResponse call() {
        var lastSetAside = recorder.lastSetAsideAt();
        return HealthCheckResponse.named("decision log")
                .status(!recorder.failing())
                .withData("queued", recorder.queued())
                .withData("setAside", recorder.setAside())
                .withData("lastSetAsideAt", lastSetAside == null ? "never" : lastSetAside.toString())
                .build();
    }
}
