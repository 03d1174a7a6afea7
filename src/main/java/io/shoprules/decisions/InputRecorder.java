package io.shoprules.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the input of every REST decision request for impact previews, off the request path in
 * the way {@link DecisionRecorder} writes the decision log: requests append to a lock-free queue,
 * a writer thread turns what queued up into JSON and stores it in one transaction per batch.
 * The facts are serialised by the writer, not the request: they are immutable once read.
 *
 * <p>Unlike the decision log, a full queue drops the input (counted in
 * {@code shoprules.inputs.dropped}) instead of writing it on the request: the inputs only feed
 * previews, and a request must never pay for them with a database write of its own.
 */
@ApplicationScoped
public class InputRecorder {

    private static final Logger LOG = Logger.getLogger(InputRecorder.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 200;
    private static final long WRITE_EVERY_MILLIS = 50;

    private final InputLog log;
    private final ObjectMapper json;
    private final Clock clock;
    private final InputsConfig config;
    private final boolean async;
    private final boolean enabled;
    private final BackgroundWriter<Received> writer;
    private final Counter dropped;

    public InputRecorder(InputLog log, ObjectMapper json, Clock clock, InputsConfig config,
                         DecisionLogConfig logConfig, MeterRegistry meters) {
        this.log = log;
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.async = logConfig.logWrites() == DecisionLogConfig.LogWrites.ASYNC;
        this.enabled = config.enabled();
        this.dropped = Counter.builder("shoprules.inputs.dropped")
                .description("REST decision inputs not recorded for previews (queue full, refused by the database)")
                .register(meters);
        this.writer = new BackgroundWriter<>("input-log-writer", QUEUE, BATCH, WRITE_EVERY_MILLIS,
                new BackgroundWriter.Sink<>() {
                    @Override
                    public void writeAll(List<Received> batch) {
                        List<RecordedInput> rows = new ArrayList<>();
                        batch.forEach(received -> rows.addAll(rows(received)));
                        log.recordAll(rows);
                    }

                    @Override
                    public void setAside(Received received, String reason) {
                        dropped.increment();
                        // no data in the message: facts hold customers' texts
                        LOG.errorf("recorded inputs: dropped an input of rule set %s the database refuses (%s)",
                                received.ruleSet(), reason);
                    }
                });
    }

    /** A request's input as it reached the decision service. */
    record Received(String ruleSet, OffsetDateTime receivedAt, OffsetDateTime now, List<?> facts, long requestId) {
    }

    void start(@Observes StartupEvent event) {
        if (async && enabled) {
            writer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        writer.stop();
    }

    /**
     * Records the facts of one REST request of {@code ruleSet}, decided at {@code now}, under the id its
     * logged decisions carry; nothing when {@code shoprules.inputs.enabled} is false.
     */
    public void record(String ruleSet, OffsetDateTime now, List<?> facts, long requestId) {
        if (!enabled) {
            return;
        }
        Received received = new Received(ruleSet, OffsetDateTime.now(clock), now, facts, requestId);
        if (!async) {
            log.recordAll(rows(received));
            return;
        }
        if (!writer.offer(received)) {
            dropped.increment();
        }
    }

    /** Inputs waiting for the writer. */
    public int queued() {
        return writer.queued();
    }

    @Scheduled(identity = "recorded-input-cleanup", every = "${shoprules.inputs.cleanup-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        deleteExpired();
    }

    /** Deletes the inputs older than the retention; returns how many. */
    public int deleteExpired() {
        OffsetDateTime before = OffsetDateTime.now(clock).minusDays(config.retentionDays());
        int deleted = log.deleteReceivedBefore(before);
        if (deleted > 0) {
            LOG.infof("recorded inputs: deleted %d received before %s (retention %d days)", deleted, before,
                    config.retentionDays());
        }
        return deleted;
    }

    /**
     * The rows of one input: its facts as JSON arrays of at most {@link InputLog#MAX_FACTS}
     * characters each, so a request of 10,000 facts spans several rows rather than being cut.
     * A single fact larger than a row is left out (counted as dropped).
     */
    private List<RecordedInput> rows(Received received) {
        // nearly every request fits one row: written whole, its JSON is not copied again fact by fact
        String whole = toJson(received, received.facts());
        if (whole.length() <= InputLog.MAX_FACTS) {
            return List.of(new RecordedInput(0, received.ruleSet(), received.receivedAt(), received.now(), whole,
                    received.requestId()));
        }
        List<RecordedInput> rows = new ArrayList<>(1);
        StringBuilder array = new StringBuilder("[");
        for (Object fact : received.facts()) {
            String one = toJson(received, fact);
            if (one.length() + 2 > InputLog.MAX_FACTS) {
                dropped.increment();
                LOG.warnf("recorded inputs: a fact of rule set %s is too large to record (%,d characters)",
                        received.ruleSet(), one.length());
                continue;
            }
            if (array.length() + one.length() + 2 > InputLog.MAX_FACTS) {
                rows.add(row(received, array));
                array = new StringBuilder("[");
            }
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(one);
        }
        if (array.length() > 1 || rows.isEmpty()) {
            rows.add(row(received, array));
        }
        return rows;
    }

    private String toJson(Received received, Object facts) {
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fact of " + received.ruleSet() + " could not be written as JSON", e);
        }
    }

    private static RecordedInput row(Received received, StringBuilder array) {
        return new RecordedInput(0, received.ruleSet(), received.receivedAt(), received.now(), array.append(']').toString(),
                received.requestId());
    }
}
