package io.shoprules.bench;

import io.shoprules.inventory.Sku;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures 6 and 7, the change workflow's costs, each a ratio measured in one run:
 * <ul>
 *   <li>6: decisions throughput with REST inputs recorded for previews against the same service with
 *       {@code shoprules.inputs.enabled=false}. Two services run side by side (their own H2 files) and
 *       are loaded in alternating turns, so both see the same machine and the same JIT warm-up.</li>
 *   <li>7: an impact preview over 200,000 stored SKUs against the scheduled inventory scan of the
 *       same facts, as SKUs per second. The preview decides every SKU twice (serving version and
 *       draft) and writes nothing; the scan decides once and writes the decision log and the
 *       actions. Run on the service that records no inputs, so the preview replays stored facts only.</li>
 * </ul>
 * Arguments: the project directory.
 */
public final class ChangeWorkflowBench {

    private static final String KEY = "bench-key-" + System.nanoTime();
    private static final int RECORDING_PORT = Integer.getInteger("bench.port", 18080) + 1;
    private static final int NOT_RECORDING_PORT = RECORDING_PORT + 1;
    private static final String DECISIONS = "/api/rulesets/inventory/decisions";
    private static final String ONE_SKU = """
            {"now": "2026-03-10T10:00:00+08:00",
             "facts": [{"skuId": "A-100", "onHand": 12, "avgDailySales": 8.5, "leadTimeDays": 5}]}""";
    private static final int CONCURRENCY = 8;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int TURNS = Integer.getInteger("bench.turns", 3);
    private static final int WARM_UP_LIMIT_SECONDS = Integer.getInteger("bench.warmup.seconds", 120);
    private static final int STORED_SKUS = Integer.getInteger("bench.skus", 200_000);
    private static final int PUT_CHUNK = 5_000;
    private static final Pattern FIELD = Pattern.compile("\"(id|status|error)\"\\s*:\\s*\"([^\"]*)\"");

    /** Which figures to measure: {@code -Dbench.figures=7} skips the throughput comparison. */
    private static final String FIGURES = System.getProperty("bench.figures", "6,7");
    /** HTTP/1.1: the client's default h2c upgrade lost the answer of a scan that ran for minutes. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ChangeWorkflowBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            new ChangeWorkflowBench().run(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize());
        } catch (Exception e) {
            System.out.println("figure 6, 7  change-workflow benchmark failed: " + e);
            throw e;
        }
    }

    private void run(Path project) throws Exception {
        Path work = project.resolve("bench/target/workflow");
        PackagedService.prepare(project, work);
        Process notRecording = start(project, work, "not-recording", NOT_RECORDING_PORT, false);
        Process recording = FIGURES.contains("6") ? start(project, work, "recording", RECORDING_PORT, true) : null;
        try {
            LoadGenerator off = new LoadGenerator(NOT_RECORDING_PORT, KEY);
            Http1Connection.Request decideOff = off.post(DECISIONS, ONE_SKU);
            awaitStarted(off, decideOff, notRecording, work);
            if (recording != null) {
                LoadGenerator on = new LoadGenerator(RECORDING_PORT, KEY);
                Http1Connection.Request decideOn = on.post(DECISIONS, ONE_SKU);
                awaitStarted(on, decideOn, recording, work);
                inputRecording(on, decideOn, off, decideOff);
                recording.destroy();
                recording.waitFor();
            }
            if (FIGURES.contains("7")) {
                previewAgainstScan(NOT_RECORDING_PORT, work);
            }
        } finally {
            if (recording != null) {
                recording.destroy();
                recording.waitFor();
            }
            notRecording.destroy();
            notRecording.waitFor();
        }
    }

    private void inputRecording(LoadGenerator on, Http1Connection.Request decideOn, LoadGenerator off,
                                Http1Connection.Request decideOff) throws Exception {
        String warm = WarmUp.untilSettled(new WarmUp.Target("recording", on, decideOn),
                new WarmUp.Target("not recording", off, decideOff), CONCURRENCY, WARM_UP_LIMIT_SECONDS);
        double onRate = 0;
        double offRate = 0;
        long failed = 0;
        for (int turn = 0; turn < TURNS; turn++) {
            LoadGenerator.Result a = on.saturate(decideOn, CONCURRENCY, SECONDS);
            LoadGenerator.Result b = off.saturate(decideOff, CONCURRENCY, SECONDS);
            onRate += a.perSecond() / TURNS;
            offRate += b.perSecond() / TURNS;
            failed += a.failed() + b.failed();
        }
        String dropped = metric(RECORDING_PORT, "shoprules_inputs_dropped_total");
        System.out.printf("figure 6  inputs: decisions recording inputs %.0f req/s, not recording %.0f req/s (%d clients, %d turns of %d s each): ratio %.2f (target >= 0.90); inputs dropped %s, failed %d; %s%n",
                onRate, offRate, CONCURRENCY, TURNS, SECONDS, onRate / offRate, dropped, failed, warm);
    }

    private void previewAgainstScan(int port, Path work) throws Exception {
        String base = "http://127.0.0.1:" + port;
        List<Sku> skus = Skus.generate(STORED_SKUS, 42);
        for (int from = 0; from < skus.size(); from += PUT_CHUNK) {
            StringJoiner facts = new StringJoiner(",", "{\"facts\": [", "]}");
            for (Sku sku : skus.subList(from, Math.min(skus.size(), from + PUT_CHUNK))) {
                facts.add(json(sku));
            }
            send("PUT", base + "/api/facts/inventory", facts.toString(), 200);
        }

        long scanStarted = System.nanoTime();
        send("POST", base + "/api/jobs/inventory/run", null, 200);
        double scanSeconds = (System.nanoTime() - scanStarted) / 1e9;

        // the same rules with a comment added: the preview does all its work and finds no difference
        String restock = Files.readString(work.resolve("rules/inventory/restock.drl"))
                + "\n// previewed by the benchmark\n";
        String body = "{\"days\": 1, \"files\": {\"restock.drl\": " + quoted(restock) + "}}";
        long previewStarted = System.nanoTime();
        String id = field(send("POST", base + "/api/rulesets/inventory/preview", body, 202), "id");
        String status;
        String preview;
        do {
            Thread.sleep(100);
            preview = send("GET", base + "/api/previews/" + id, null, 200);
            status = field(preview, "status");
        } while ("RUNNING".equals(status));
        double previewSeconds = (System.nanoTime() - previewStarted) / 1e9;
        if (!"DONE".equals(status)) {
            throw new IllegalStateException("the preview ended " + status + ": " + field(preview, "error"));
        }
        double scanRate = STORED_SKUS / scanSeconds;
        double previewRate = STORED_SKUS / previewSeconds;
        System.out.printf("figure 7  preview: %,d stored SKUs, scheduled scan %.1f s (%,.0f SKUs/s), preview of a draft %.1f s (%,.0f SKUs/s, each decided by both versions): ratio %.2f (target >= 0.5)%n",
                STORED_SKUS, scanSeconds, scanRate, previewSeconds, previewRate, previewRate / scanRate);
    }

    private static String json(Sku sku) {
        return "{\"skuId\":\"" + sku.skuId() + "\",\"onHand\":" + sku.onHand() + ",\"inTransit\":" + sku.inTransit()
                + ",\"avgDailySales\":" + sku.avgDailySales().toPlainString() + ",\"leadTimeDays\":" + sku.leadTimeDays()
                + ",\"presaleDeposits\":" + sku.presaleDeposits()
                + (sku.listedOn() == null ? "" : ",\"listedOn\":\"" + sku.listedOn() + "\"") + "}";
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }

    private static String field(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        return null;
    }

    private String send(String method, String url, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String metric(int port, String name) throws IOException, InterruptedException {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith(name)).map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .findFirst().orElse("unknown");
    }

    private static Process start(Path project, Path work, String name, int port, boolean recordInputs) throws IOException {
        return PackagedService.start(project, work, work.resolve(name), port, KEY,
                "-Dshoprules.inputs.enabled=" + recordInputs,
                "-Dshoprules.jobs.enabled=false",
                // POST /api/jobs/inventory/run answers when 200,000 SKUs are scanned: minutes without a byte
                "-Dquarkus.http.idle-timeout=30m");
    }

    private static void awaitStarted(LoadGenerator load, Http1Connection.Request decide, Process service, Path work)
            throws InterruptedException {
        while (load.send(decide) != 200) {
            if (!service.isAlive()) {
                throw new IllegalStateException("a service did not start; see the service.log files under " + work);
            }
            Thread.sleep(50);
        }
    }

}
