package io.shoprules.decisions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.DeclaredRuleSet;
import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleSets;
import io.shoprules.engine.TimeRange;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.errors.UnknownRuleSetException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/** Asks a rule set for decisions and records every one of them, and the inputs of REST requests for previews. */
@ApplicationScoped
public class DecisionService {

    private final RuleSets ruleSets;
    private final DecisionLog log;
    private final DecisionRecorder recorder;
    private final InputRecorder inputs;
    private final StoredHistory storedHistory;
    private final Clock clock;
    private final ZoneId shopZone;
    private final MeterRegistry meters;
    private final RequestIds requestIds = new RequestIds();
    private final ConcurrentMap<String, EvaluationMeters> evaluationMeters = new ConcurrentHashMap<>();

    public DecisionService(RuleSets ruleSets, DecisionLog log, DecisionRecorder recorder, InputRecorder inputs, Clock clock, EngineConfig config,
                           MeterRegistry meters, StoredHistory storedHistory) {
        this.storedHistory = storedHistory;
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
        Now moment = momentOf(now);
        long started = System.nanoTime();
        return recorded(ruleSet, moment, facts, ruleSets.evaluate(ruleSet, moment, facts), source, started);
    }

    /**
     * Evaluates facts given as JSON with a rule set whose fact types its rule files declare: read
     * and judged by one version, since each version has classes of its own; with the stored facts of
     * their groups when the rule set declares a {@code @group} ({@link StoredHistory}).
     *
     * @throws UnknownRuleSetException naming the rule set when it declares no fact type (a typed
     *                                 rule set answers on its own endpoint)
     * @throws InvalidInputException   naming the first field in error, e.g. {@code facts[2].rating}
     */
    public Evaluation decideDeclared(String ruleSet, OffsetDateTime now, List<JsonNode> nodes, DecisionSource source) {
        Now moment = momentOf(now);
        CompiledRuleSet serving = ruleSets.serving(ruleSet);
        DeclaredRuleSet declared = serving.declared();
        if (declared == null || ruleSets.isTyped(ruleSet)) {
            throw new UnknownRuleSetException(ruleSet);
        }
        List<?> facts = declared.readFacts(null, "facts", nodes);
        long started = System.nanoTime();
        List<Object> history = storedHistory.of(declared, facts);
        Evaluation evaluation;
        if (history.isEmpty()) {
            evaluation = serving.evaluate(moment, facts);
        } else {
            List<Object> withHistory = new java.util.ArrayList<>(facts);
            withHistory.addAll(history);
            evaluation = StoredHistory.about(serving.evaluate(moment, withHistory), declared, facts);
        }
        return recorded(ruleSet, moment, facts.stream().map(declared::storedForm).toList(), evaluation, source, started);
    }

    private Now momentOf(OffsetDateTime now) {
        if (now != null && !TimeRange.contains(now)) {
            // JSON reading refuses such a time already; a caller from Java must not poison the log either.
            throw new InvalidInputException("now", TimeRange.OUT_OF_RANGE);
        }
        return new Now(now == null ? OffsetDateTime.now(clock) : now, shopZone);
    }

    /** Meters and records an evaluation; {@code facts} as the inputs log keeps them. */
    private Evaluation recorded(String ruleSet, Now moment, List<?> facts, Evaluation evaluation, DecisionSource source,
                                long started) {
        // looked up after the evaluation: an unknown rule set never gets meters
        EvaluationMeters measured = metersOf(ruleSet, source);
        measured.evaluations().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        measured.decisions().increment(evaluation.decisions().size());
        if (source == DecisionSource.REST) {
            long requestId = requestIds.next();
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
