package io.shoprules.decisions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleSets;
import io.shoprules.engine.TimeRange;
import io.shoprules.errors.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Asks a rule set for decisions and records every one of them, and the inputs of REST requests for previews. */
@ApplicationScoped
public class DecisionService {

    private final RuleSets ruleSets;
    private final DecisionLog log;
    private final DecisionRecorder recorder;
    private final InputRecorder inputs;
    private final Clock clock;
    private final ZoneId shopZone;
    private final MeterRegistry meters;
    private final ConcurrentMap<String, EvaluationMeters> evaluationMeters = new ConcurrentHashMap<>();

    public DecisionService(RuleSets ruleSets, DecisionLog log, DecisionRecorder recorder, InputRecorder inputs, Clock clock, EngineConfig config,
                           MeterRegistry meters) {
        this.ruleSets = ruleSets;
        this.log = log;
        this.recorder = recorder;
        this.inputs = inputs;
        this.clock = clock;
        this.shopZone = config.shop().zone();
        this.meters = meters;
    }

    /** Evaluates {@code facts} at {@code now} (the clock when null) and logs the decisions. */
    public Evaluation decide(String ruleSet, OffsetDateTime now, List<?> facts, DecisionSource source) {
        if (now != null && !TimeRange.contains(now)) {
            // JSON reading refuses such a time already; a caller from Java must not poison the log either.
            throw new InvalidInputException("now", TimeRange.OUT_OF_RANGE);
        }
        Now moment = new Now(now == null ? OffsetDateTime.now(clock) : now, shopZone);
        long started = System.nanoTime();
        Evaluation evaluation = ruleSets.evaluate(ruleSet, moment, facts);
        // looked up after the evaluation: an unknown rule set never gets meters
        EvaluationMeters measured = metersOf(ruleSet, source);
        measured.evaluations().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        measured.decisions().increment(evaluation.decisions().size());
        if (source == DecisionSource.REST) {
            // links the logged decisions to the recorded input; random, so no database round trip on the request
            long requestId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            recorder.record(evaluation, requestId);
            // after the evaluation: what a preview replays is what a serving version could decide on
            inputs.record(ruleSet, moment.at(), facts, requestId);
        } else {
            log.record(evaluation, source);
        }
        return evaluation;
    }

    /** Registered once per rule set and source; finding a meter by name and tags costs more than using it. */
    private EvaluationMeters metersOf(String ruleSet, DecisionSource source) {
        return evaluationMeters.computeIfAbsent(ruleSet + "/" + source, key -> new EvaluationMeters(
                meters.timer("shoprules.evaluation", "ruleSet", ruleSet, "source", source.name()),
                meters.counter("shoprules.decisions", "ruleSet", ruleSet, "source", source.name())));
    }

    private record EvaluationMeters(Timer evaluations, Counter decisions) {
    }
}
