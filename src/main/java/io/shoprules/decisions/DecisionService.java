package io.shoprules.decisions;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleSets;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** Asks a rule set for decisions and records every one of them. */
@ApplicationScoped
public class DecisionService {

    private final RuleSets ruleSets;
    private final DecisionLog log;
    private final DecisionRecorder recorder;
    private final Clock clock;
    private final ZoneId shopZone;
    private final MeterRegistry meters;

    public DecisionService(RuleSets ruleSets, DecisionLog log, DecisionRecorder recorder, Clock clock, EngineConfig config,
                           MeterRegistry meters) {
        this.ruleSets = ruleSets;
        this.log = log;
        this.recorder = recorder;
        this.clock = clock;
        this.shopZone = config.shop().zone();
        this.meters = meters;
    }

    /** Evaluates {@code facts} at {@code now} (the clock when null) and logs the decisions. */
    public Evaluation decide(String ruleSet, OffsetDateTime now, List<?> facts, DecisionSource source) {
        Now moment = new Now(now == null ? OffsetDateTime.now(clock) : now, shopZone);
        Timer.Sample sample = Timer.start(meters);
        Evaluation evaluation = ruleSets.evaluate(ruleSet, moment, facts);
        sample.stop(meters.timer("shoprules.evaluation", "ruleSet", ruleSet, "source", source.name()));
        meters.counter("shoprules.decisions", "ruleSet", ruleSet, "source", source.name())
                .increment(evaluation.decisions().size());
        if (source == DecisionSource.REST) {
            recorder.record(evaluation);
        } else {
            log.record(evaluation, source);
        }
        return evaluation;
    }
}
