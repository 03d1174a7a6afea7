package io.shoprules.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.shoprules.cluster.PackagedInstances.Node;

import static io.shoprules.cluster.PackagedInstances.await;
import static io.shoprules.cluster.PackagedInstances.sleepQuietly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three packaged instances on loopback ports, one PostgreSQL database and one rules folder: an edit
 * reaches all three; steady decisions go through all three; the instance running the scheduled
 * 100,000-SKU job is killed with SIGKILL in the middle of it, and another completes the job, with
 * every action in the outbox exactly once and no decision request failing on the survivors.
 *
 * <p>Not part of the default suite (tag {@code cluster}); {@code .ci/run} packages the service for
 * PostgreSQL and runs it:
 * {@code ./mvnw test -Dtest=ClusterFailoverTest -DexcludedTestGroups=none -Dcluster.app=<quarkus-run.jar>}.
 */
@Tag("cluster")
class ClusterFailoverTest {

    private static final int FIRST_PORT = Integer.getInteger("cluster.first-port", 18191);
    private static final int SKUS = Integer.getInteger("cluster.skus", 100_000);
    private static final int SEED_BATCH = 2_000;
    private static final String SCHEDULE = "0/15 * * * * ?";
    private static final Duration EDIT_REACHES_ALL_WITHIN = Duration.ofSeconds(5);
    private static final Duration JOB_COMPLETES_WITHIN = Duration.ofMinutes(4);
    private static final Duration TAKEOVER_WITHIN = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private PackagedInstances instances;
    private List<Node> nodes;

    @AfterEach
    void stopEveryInstance() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void theJobOfAKilledInstanceCompletesElsewhereEveryActionOnceAndNoDecisionFailsOnTheSurvivors() throws Exception {
        instances = new PackagedInstances("cluster-test", FIRST_PORT, "inventory");
        nodes = instances.nodes();

        // The first instance creates the schema and takes the SKUs while no schedule exists (its cron is
        // off); the others bring the schedule, so the first scheduled run sees every SKU.
        start(1, "off");
        awaitServing(nodes.get(0));
        Instant seeded = seedSkus(nodes.get(0));
        start(2, SCHEDULE);
        start(3, SCHEDULE);
        for (Node node : nodes) {
            awaitServing(node);
        }

        DecisionLoad load = new DecisionLoad();
        Thread loadThread = new Thread(load, "decision-load");
        loadThread.start();
        try {
            JsonNode running = await("a scheduled run over the seeded SKUs, part-way through", JOB_COMPLETES_WITHIN, () ->
                    runs(nodes.get(0)).stream()
                            .filter(run -> "RUNNING".equals(run.path("status").asText())
                                    && startedAfter(run, seeded)
                                    && run.path("actionsCreated").asLong() > 0
                                    && run.path("factsRead").asLong() < SKUS / 2)
                            .findFirst());
            Node victim = nodes.stream().filter(node -> node.name().equals(running.path("instance").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("run on an unknown instance: " + running));
            Instant killedAt = Instant.now();
            victim.process().destroyForcibly();
            victim.process().waitFor();
            load.stopSending(victim);
            Node survivor = nodes.stream().filter(node -> node != victim).findFirst().orElseThrow();

            JsonNode completed = await("a run after the kill that completes the job", JOB_COMPLETES_WITHIN, () ->
                    runs(survivor).stream()
                            .filter(run -> "SUCCEEDED".equals(run.path("status").asText()) && startedAfter(run, killedAt))
                            .findFirst());
            assertNotEquals(victim.name(), completed.path("instance").asText());
            Duration takeover = Duration.between(killedAt, OffsetDateTime.parse(completed.path("startedAt").asText()).toInstant());
            assertTrue(takeover.compareTo(TAKEOVER_WITHIN) <= 0, "the job was taken over after " + takeover);

            try (Connection connection = DriverManager.getConnection(PackagedInstances.JDBC_URL, "postgres", "");
                 Statement statement = connection.createStatement();
                 ResultSet counts = statement.executeQuery(
                         "select count(*), count(distinct idempotency_key), count(distinct subject) from action")) {
                counts.next();
                assertEquals(SKUS, counts.getLong(3), "every seeded SKU has its action");
                assertEquals(counts.getLong(2), counts.getLong(1), "no action exists twice");
                assertEquals(SKUS, counts.getLong(1), "one action per SKU");
            }
        } finally {
            load.stop();
            loadThread.join();
        }
        assertTrue(load.sent(nodes) > 0, "decisions were sent throughout");
        for (Node node : nodes) {
            if (node.process().isAlive()) {
                assertEquals(0, load.failed(node), "decision requests failed on surviving " + node.name());
            }
        }

        anEditOnTheSharedFolderReachesEveryInstance();
    }

    private void anEditOnTheSharedFolderReachesEveryInstance() throws Exception {
        // checked after the failover: the killed instance is gone, the survivors must both serve the edit
        List<Node> live = nodes.stream().filter(node -> node.process().isAlive()).toList();
        Path restock = instances.work().resolve("rules/inventory/restock.drl");
        Files.writeString(restock, Files.readString(restock) + "\n// an edit every instance must serve\n");
        String edited = await("every instance to see the edit", PackagedInstances.STARTS_WITHIN, () -> {
            String version = versionServed(live.get(0));
            return version != null && !version.equals(initialVersion) ? Optional.of(version) : Optional.empty();
        });
        Instant deadline = Instant.now().plus(EDIT_REACHES_ALL_WITHIN);
        for (Node node : live) {
            await(node.name() + " to serve " + edited, Duration.between(Instant.now(), deadline).plusMillis(1), () ->
                    edited.equals(versionServed(node)) ? Optional.of(true) : Optional.empty());
        }
        JsonNode instances = await("the instances to show the edit everywhere", EDIT_REACHES_ALL_WITHIN, () -> {
            JsonNode inventory = inventoryStatus(live.get(0));
            JsonNode served = inventory.path("instances");
            long serving = 0;
            for (JsonNode instance : served) {
                serving += edited.equals(instance.path("version").asText()) ? 1 : 0;
            }
            return serving == live.size() ? Optional.of(served) : Optional.empty();
        });
        assertEquals(live.size(), instances.size(), instances.toString());
    }

    private String initialVersion;

    private void awaitServing(Node node) throws Exception {
        String version = await(node.name() + " to serve inventory", PackagedInstances.STARTS_WITHIN, () -> {
            if (!node.process().isAlive()) {
                throw new AssertionError(node.name() + " stopped; see " + instances.work().resolve(node.name() + ".log"));
            }
            return Optional.ofNullable(versionServed(node));
        });
        if (initialVersion == null) {
            initialVersion = version;
        }
    }

    private void start(int number, String inventoryCron) throws IOException {
        // small batches keep the 100,000-SKU run long enough to be caught part-way on a quiet machine
        instances.start(number, Map.of("shoprules.jobs.enabled", "true", "shoprules.jobs.inventory.cron", inventoryCron,
                "shoprules.jobs.batch-size", "250"));
    }

    private Instant seedSkus(Node node) throws Exception {
        for (int from = 0; from < SKUS; from += SEED_BATCH) {
            StringBuilder body = new StringBuilder("{\"facts\": [");
            for (int i = from; i < Math.min(SKUS, from + SEED_BATCH); i++) {
                if (i > from) {
                    body.append(',');
                }
                // nothing on hand and steady sales: a restock for every SKU under any cover target
                body.append(String.format("{\"skuId\": \"C-%06d\", \"onHand\": 0, \"avgDailySales\": 3, \"leadTimeDays\": 4}", i));
            }
            body.append("]}");
            HttpResponse<String> response = send(node, HttpRequest.newBuilder(URI.create(node.base() + "/api/facts/inventory"))
                    .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
            assertEquals(200, response.statusCode(), response.body());
        }
        return Instant.now();
    }

    /** Decisions sent round-robin to every instance still meant to be up, counted per instance. */
    private final class DecisionLoad implements Runnable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
        private final Map<String, Boolean> stopped = new ConcurrentHashMap<>();

        @Override
        public void run() {
            String body = """
                    {"now": "2026-03-10T10:00:00+08:00",
                     "facts": [{"skuId": "load", "onHand": 5, "avgDailySales": 2, "leadTimeDays": 3}]}""";
            long rounds = 0;
            while (running.get() && rounds++ < 1_000_000) {
                for (Node node : nodes) {
                    if (stopped.containsKey(node.name())) {
                        continue;
                    }
                    sent.computeIfAbsent(node.name(), n -> new AtomicLong()).incrementAndGet();
                    try {
                        HttpResponse<String> response = send(node, HttpRequest.newBuilder(
                                URI.create(node.base() + "/api/rulesets/inventory/decisions"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
                        if (response.statusCode() != 200 && !stopped.containsKey(node.name())) {
                            failed.computeIfAbsent(node.name(), n -> new AtomicLong()).incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (!stopped.containsKey(node.name())) {
                            failed.computeIfAbsent(node.name(), n -> new AtomicLong()).incrementAndGet();
                        }
                    }
                }
                sleepQuietly(Duration.ofMillis(20));
            }
        }

        void stopSending(Node node) {
            stopped.put(node.name(), true);
            // requests to it that were in flight when it died are not the survivors' failures
            failed.remove(node.name());
        }

        void stop() {
            running.set(false);
        }

        long sent(List<Node> all) {
            return all.stream().mapToLong(node -> sent.getOrDefault(node.name(), new AtomicLong()).get()).sum();
        }

        long failed(Node node) {
            return failed.getOrDefault(node.name(), new AtomicLong()).get();
        }
    }

    private List<JsonNode> runs(Node node) {
        try {
            HttpResponse<String> response = send(node, HttpRequest.newBuilder(URI.create(node.base() + "/api/jobs/inventory")).GET());
            List<JsonNode> runs = new ArrayList<>();
            json.readTree(response.body()).path("lastRuns").forEach(runs::add);
            return runs;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static boolean startedAfter(JsonNode run, Instant instant) {
        return OffsetDateTime.parse(run.path("startedAt").asText()).toInstant().isAfter(instant);
    }

    private String versionServed(Node node) {
        JsonNode inventory = inventoryStatus(node);
        return inventory.hasNonNull("version") ? inventory.path("version").asText() : null;
    }

    private JsonNode inventoryStatus(Node node) {
        try {
            HttpResponse<String> response = send(node, HttpRequest.newBuilder(URI.create(node.base() + "/api/rulesets")).GET());
            if (response.statusCode() != 200) {
                return json.missingNode();
            }
            for (JsonNode status : json.readTree(response.body())) {
                if ("inventory".equals(status.path("name").asText())) {
                    return status;
                }
            }
        } catch (Exception e) {
            // not up yet
        }
        return json.missingNode();
    }

    private HttpResponse<String> send(Node node, HttpRequest.Builder request) throws IOException, InterruptedException {
        return instances.send(node, request);
    }
}
