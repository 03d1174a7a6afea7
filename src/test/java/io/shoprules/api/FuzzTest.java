package io.shoprules.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded generator of malformed and hostile requests for every endpoint. Whatever arrives, the
 * service answers 2xx or 4xx, never 5xx, never with a stack trace, and stores nothing from a
 * request it refused: the decision log grows by exactly the decisions of accepted requests. A table
 * of known hostile inputs pins what each one is answered: the status and a problem naming the field.
 */
@QuarkusTest
class FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 5_000);
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat (java|io|org|com|jdk)\\.[\\w.$]+\\(|Exception:|\\.java:\\d+\\)|Caused by");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    EntityManager entityManager;

    /** An endpoint, and a valid body the mutations start from (null for no body). */
    record Target(String method, Function<Random, String> path, String seedBody) {
    }

    private final List<Target> targets = List.of(
            new Target("POST", r -> "/api/rulesets/inventory/decisions", """
                    {"now": "2026-03-10T10:00:00+08:00", "facts": [
                      {"skuId": "f-1", "title": "杯", "onHand": 50, "inTransit": 5, "avgDailySales": 10.5,
                       "leadTimeDays": 3, "presaleDeposits": 2, "listedOn": "2026-01-01"}]}"""),
            new Target("POST", r -> "/api/rulesets/cart/decisions", """
                    {"now": "2026-03-10T22:00:00+08:00", "facts": [
                      {"cartId": "fc-1", "customerId": "u-1", "smsConsent": true, "remindersSent": 1,
                       "addedAt": "2026-03-09T09:00:00+08:00", "lastRemindedAt": "2026-03-09T10:00:00Z",
                       "items": [{"skuId": "s-1", "title": "杯", "quantity": 2, "unitPrice": 9.9,
                                  "stockLeft": 3, "paidCount": 40}]}]}"""),
            new Target("POST", r -> "/api/rulesets/complaint/decisions", """
                    {"now": "2026-03-10T10:00:00+08:00", "facts": [
                      {"complaintId": "fk-1", "orderId": "o-1", "customerId": "u-1", "skuId": "s-1",
                       "type": "LOGISTICS_DELAY", "orderAmount": 129.5, "delayDays": 3, "memberTier": "BLACK",
                       "createdAt": "2026-03-09T09:00:00+08:00", "firstRespondedAt": "2026-03-09T10:00:00Z",
                       "complaintsLast90Days": 1}]}"""),
            new Target("POST", r -> "/api/rulesets/listing/decisions", """
                    {"now": "2026-03-10T10:00:00+08:00", "facts": [
                      {"listingId": "fl-1", "platform": "TMALL", "category": "食品", "title": "最 佳🔥國家級 NO.1",
                       "description": "根治失眠，100%纯棉", "qualifications": [
                         {"name": "食品经营许可证", "number": "JY1", "expiresOn": "2026-03-20"}]}]}"""),
            new Target("PUT", r -> "/api/facts/listing", """
                    {"facts": [{"listingId": "fzl-1", "title": "保温杯",
                                "qualifications": [{"name": "3C", "expiresOn": "2026-03-20"}]}]}"""),
            new Target("PUT", r -> "/api/facts/cart", """
                    {"facts": [{"cartId": "fzc-1", "customerId": "u-1", "addedAt": "2026-03-09T09:00:00+08:00",
                                "items": [{"skuId": "s-1", "quantity": 1, "unitPrice": 1}]}]}"""),
            new Target("PUT", r -> "/api/facts/complaint", """
                    {"facts": [{"complaintId": "fzk-1", "orderId": "o-1", "type": "QUALITY", "orderAmount": 1,
                                "createdAt": "2026-03-09T09:00:00+08:00"}]}"""),
            new Target("POST", r -> "/api/rulesets/" + pick(r, "inventory", "nope", "..%2F..", "%00", "INVENTORY",
                    "a".repeat(300)) + "/decisions", "{\"facts\": []}"),
            new Target("POST", r -> "/api/rulesets/" + pick(r, "inventory", "nope") + "/validate", """
                    {"files": {"extra.drl": "package x;"}, "scenarios": {"x.yaml": "now: 2026-03-10T10:00:00+08:00"}}"""),
            new Target("POST", r -> "/api/rulesets/" + pick(r, "inventory", "nope") + "/scenarios/rebaseline", """
                    {"scenarios": {"x.yaml": "# c\\nnow: '2026-03-10T10:00:00+08:00'\\nfacts:\\n- {skuId: x, onHand: 1, avgDailySales: 1, leadTimeDays: 1}\\nexpect:\\n- {type: CLEARANCE}\\n"},
                     "accept": ["x.yaml"]}"""),
            new Target("GET", r -> "/api/decisions?" + pick(r, "ruleSet", "subject", "type", "since", "page", "size")
                    + "=" + URLEncoder.encode(randomText(r), StandardCharsets.UTF_8), null),
            new Target("GET", r -> "/api/rulesets", null),
            new Target("POST", r -> "/api/rulesets/reload", null),
            new Target("PUT", r -> "/api/facts/" + pick(r, "inventory", "inventory", "nope", "%2e%2e"), """
                    {"facts": [{"skuId": "fz-1", "onHand": 5, "avgDailySales": 1.5, "leadTimeDays": 2},
                               {"skuId": "fz-2", "onHand": 0, "avgDailySales": 0, "leadTimeDays": 1}]}"""),
            new Target("GET", r -> "/api/facts/" + pick(r, "inventory", "nope") + "/"
                    + URLEncoder.encode(randomText(r), StandardCharsets.UTF_8), null),
            new Target("GET", r -> "/api/actions?" + pick(r, "type", "status", "ruleSet", "subject", "since", "afterId",
                    "page", "size") + "=" + URLEncoder.encode(randomText(r), StandardCharsets.UTF_8), null),
            new Target("POST", r -> "/api/actions/" + pick(r, "1", "-1", "99999999999", "abc", "1e3") + "/"
                    + pick(r, "ack", "retry"), null),
            new Target("GET", r -> "/api/jobs", null),
            new Target("POST", r -> "/api/jobs/" + pick(r, "nope", "%00", "cart-x") + "/run", null));

    @Test
    void noRequestBreaksTheServiceOrLeavesATrace() throws Exception {
        Random random = new Random(SEED);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long logBefore = decisionLogSize();
        long factsBefore = storedFacts();
        long acceptedDecisions = 0;
        long createdFacts = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < REQUESTS; i++) {
            Target target = targets.get(random.nextInt(targets.size()));
            String path = target.path().apply(random);
            String body = target.seedBody() == null ? (random.nextInt(5) == 0 ? randomText(random) : null)
                    : mutate(target.seedBody(), random);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + OpsKeyForTests.OPS_KEY)
                    .header("Content-Type", random.nextInt(20) == 0 ? "text/plain" : "application/json")
                    .method(target.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() >= 500 || STACK_TRACE.matcher(response.body()).find()) {
                failures.add(target.method() + " " + path + " -> " + response.statusCode() + " " + cut(response.body())
                        + "\n   body: " + cut(body));
            }
            if (response.statusCode() == 200 && path.endsWith("/decisions") && target.method().equals("POST")) {
                acceptedDecisions += JSON.readTree(response.body()).path("decisions").size();
            }
            if (response.statusCode() == 200 && target.method().equals("PUT")) {
                createdFacts += JSON.readTree(response.body()).path("created").asLong();
            }
        }

        System.out.printf("fuzz: %d requests, seed %d, statuses %s, 5xx or traces: %d%n",
                REQUESTS, SEED, statuses, failures.size());
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad answers, first: " + failures.subList(0, Math.min(5, failures.size())));
        assertEquals(logBefore + acceptedDecisions, decisionLogSize(), "only accepted requests leave decisions behind");
        assertEquals(factsBefore + createdFacts, storedFacts(), "only accepted requests store facts");
    }

    /**
     * A hostile or careless input, and what the service must answer: {@code field} as the client wrote
     * it (null when the fault has no field), {@code detail} a fragment of the explanation.
     */
    record Hostile(String name, String method, String path, byte[] body, boolean chunked, int status, String field,
                   String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Hostile hostile(String name, String method, String path, String body, int status, String field,
                                   String detail) {
        return new Hostile(name, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), false, status,
                field, detail);
    }

    private static final String SKU = "{\"skuId\": \"h-1\", \"onHand\": 1, \"avgDailySales\": 1, \"leadTimeDays\": 1";
    private static final String CART = "{\"cartId\": \"hc-1\", \"customerId\": \"u-1\", \"smsConsent\": true,"
            + " \"addedAt\": \"2026-03-09T09:00:00+08:00\", \"items\": [{\"skuId\": \"s-1\", \"quantity\": 2, \"unitPrice\": 9.9}]";

    static List<Hostile> hostileInputs() {
        byte[] notUtf8 = ("{\"facts\": [" + SKU + ", \"title\": \"").getBytes(StandardCharsets.UTF_8);
        byte[] badTail = {(byte) 0xC3, (byte) 0x28, '"', '}', ']', '}'};
        byte[] invalidUtf8 = java.util.Arrays.copyOf(notUtf8, notUtf8.length + badTail.length);
        System.arraycopy(badTail, 0, invalidUtf8, notUtf8.length, badTail.length);
        return List.of(
                // times: every one bounded to 1970..9999, `now` and each time field of each fact
                hostile("now beyond the database's range", "POST", "/api/rulesets/inventory/decisions",
                        "{\"now\": \"+300000-01-01T00:00:00Z\", \"facts\": [" + SKU + "}]}", 400, "now", "1970-01-01"),
                hostile("now at the end of time on cart", "POST", "/api/rulesets/cart/decisions",
                        "{\"now\": \"+999999999-12-31T23:59:59Z\", \"facts\": [" + CART + "}]}", 400, "now", "9999-12-31"),
                hostile("now at the end of time on listing", "POST", "/api/rulesets/listing/decisions",
                        "{\"now\": \"+999999999-12-31T23:59:59Z\", \"facts\": [{\"listingId\": \"l-1\", \"title\": \"杯\","
                                + " \"qualifications\": [{\"name\": \"3C\", \"expiresOn\": \"2026-03-20\"}]}]}", 400, "now", "9999-12-31"),
                hostile("now before 1970", "POST", "/api/rulesets/complaint/decisions",
                        "{\"now\": \"1969-12-31T23:59:59Z\", \"facts\": []}", 400, "now", "1970-01-01"),
                hostile("the last second of the range still decides", "POST", "/api/rulesets/cart/decisions",
                        "{\"now\": \"9999-12-31T23:59:59Z\", \"facts\": [" + CART + "}]}", 200, null, null),
                hostile("a fact's date beyond 9999", "POST", "/api/rulesets/inventory/decisions",
                        "{\"facts\": [" + SKU + ", \"listedOn\": \"+12026-01-01\"}]}", 400, "facts[0].listedOn", "9999-12-31"),
                hostile("a stored fact's time in year 1", "PUT", "/api/facts/cart",
                        "{\"facts\": [" + CART.replace("2026-03-09T09:00:00+08:00", "0001-01-01T00:00:00Z") + "}]}", 400,
                        "facts[0].addedAt", "1970-01-01"),
                hostile("a nested date beyond 9999", "PUT", "/api/facts/listing",
                        "{\"facts\": [{\"listingId\": \"l-2\", \"qualifications\": [{\"name\": \"3C\", \"expiresOn\": \"+10000-01-01\"}]}]}",
                        400, "facts[0].qualifications[0].expiresOn", "9999-12-31"),
                hostile("a decision log query since year 300000", "GET", "/api/decisions?since=%2B300000-01-01T00:00:00Z", null,
                        400, "since", "9999-12-31"),
                hostile("an action query since year 300000", "GET", "/api/actions?since=%2B300000-01-01T00:00:00Z", null,
                        400, "since", "9999-12-31"),
                // control characters
                hostile("a NUL in a SKU id to decide on", "POST", "/api/rulesets/inventory/decisions",
                        "{\"facts\": [" + SKU.replace("h-1", "h\\u0000-1") + "}]}", 400, "facts[0].skuId", "U+0000"),
                hostile("a NUL in a stored fact's id", "PUT", "/api/facts/inventory",
                        "{\"facts\": [" + SKU.replace("h-1", "h\\u0000-1") + "}]}", 400, "facts[0].skuId", "U+0000"),
                hostile("a NUL in a title", "PUT", "/api/facts/inventory",
                        "{\"facts\": [" + SKU + ", \"title\": \"杯\\u0000\"}]}", 400, "facts[0].title", "control characters"),
                hostile("a line break in a stored fact's id", "PUT", "/api/facts/inventory",
                        "{\"facts\": [" + SKU.replace("h-1", "h\\n1") + "}]}", 400, "facts[0]", "control characters"),
                hostile("a NUL in a fact id in the path", "GET", "/api/facts/inventory/a%00b", null, 400, "factId",
                        "control characters"),
                hostile("a NUL in a fact id to delete", "DELETE", "/api/facts/inventory/a%00b", null, 400, "factId",
                        "control characters"),
                // rule files larger than a rule set may be
                hostile("a draft rule file over the rule-set size limit", "POST", "/api/rulesets/inventory/validate",
                        "{\"files\": {\"big.drl\": \"" + "// x\\n".repeat(70_000) + "\"}}", 400, "files[big.drl]",
                        "shoprules.rules.max-rule-set-bytes"),
                // JSON the reader refuses
                new Hostile("invalid UTF-8 before any field", "POST", "/api/rulesets/inventory/decisions",
                        new byte[] {'{', (byte) 0xFF, '}'}, false, 400, null, "not valid UTF-8"),
                new Hostile("invalid UTF-8", "POST", "/api/rulesets/inventory/decisions", invalidUtf8, false, 400,
                        "facts[0].title", "not valid UTF-8"),
                new Hostile("invalid UTF-8 in a stored fact", "PUT", "/api/facts/inventory", invalidUtf8, false, 400,
                        "facts[0].title", "not valid UTF-8"),
                hostile("a field twice", "POST", "/api/rulesets/inventory/decisions",
                        "{\"facts\": [" + SKU + ", \"onHand\": 2}]}", 400, "facts[0].onHand", "appears twice"),
                hostile("a field twice in a stored fact", "PUT", "/api/facts/inventory",
                        "{\"facts\": [" + SKU + ", \"onHand\": 2}]}", 400, "facts[0].onHand", "appears twice"),
                hostile("a 65-digit number", "POST", "/api/rulesets/inventory/decisions",
                        "{\"facts\": [" + SKU.replace("\"onHand\": 1", "\"onHand\": " + "9".repeat(65)) + "}]}", 400, "facts[0]",
                        "Number value length (65) exceeds the maximum allowed (64)"),
                hostile("a 65-digit number in a stored fact", "PUT", "/api/facts/inventory",
                        "{\"facts\": [" + SKU.replace("\"onHand\": 1", "\"onHand\": " + "9".repeat(65)) + "}]}", 400, "facts[0]",
                        "Number value length (65) exceeds the maximum allowed (64)"),
                hostile("NaN", "POST", "/api/rulesets/inventory/decisions",
                        "{\"facts\": [" + SKU.replace("\"avgDailySales\": 1", "\"avgDailySales\": NaN") + "}]}", 400,
                        "facts[0].avgDailySales", "NaN"),
                hostile("NaN in a stored fact", "PUT", "/api/facts/inventory",
                        "{\"facts\": [" + SKU.replace("\"avgDailySales\": 1", "\"avgDailySales\": NaN") + "}]}", 400,
                        "facts[0].avgDailySales", "NaN"),
                hostile("a string over a million characters", "PUT", "/api/facts/listing",
                        "{\"facts\": [{\"listingId\": \"l-3\", \"description\": \"" + "x".repeat(1_000_001) + "\"}]}", 400,
                        "facts[0]", "String value length (1000001) exceeds the maximum allowed (1000000)"),
                hostile("a string over a million characters to decide on", "POST", "/api/rulesets/listing/decisions",
                        "{\"facts\": [{\"listingId\": \"l-3\", \"description\": \"" + "x".repeat(1_000_001) + "\"}]}", 400,
                        "facts[0].description", "String value length (1000001) exceeds the maximum allowed (1000000)"),
                hostile("deep nesting where a fact belongs", "POST", "/api/rulesets/inventory/decisions",
                        "{\"facts\": " + "[".repeat(2000) + "]".repeat(2000) + "}", 400, "facts[0]", "expected an object"),
                hostile("deep nesting in a stored fact", "PUT", "/api/facts/inventory",
                        "{\"facts\": " + "[".repeat(2000) + "]".repeat(2000) + "}", 400, "facts[0]", "nesting depth (33)"),
                new Hostile("a 50 MB chunked body", "POST", "/api/rulesets/inventory/decisions", null, true, 413, null,
                        "larger than"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void eachHostileInputIsAnsweredWithAProblemNamingWhatIsWrong(Hostile input) throws Exception {
        long logBefore = decisionLogSize();
        long factsBefore = storedFacts();
        Answer answer = input.chunked() ? sendChunked(input.path(), 50_000_000) : send(input);

        assertEquals(input.status(), answer.status(), () -> input + ": " + cut(answer.body()));
        if (input.status() >= 400) {
            assertEquals("application/problem+json", answer.contentType(), input::toString);
            JsonNode problem = JSON.readTree(answer.body());
            assertEquals(input.status(), problem.path("status").asInt());
            assertEquals(input.field(), problem.path("field").isMissingNode() ? null : problem.path("field").asText(),
                    () -> input + ": " + answer.body());
            assertTrue(problem.path("detail").asText().contains(input.detail()), () -> input + ": " + answer.body());
            assertFalse(STACK_TRACE.matcher(answer.body()).find(), answer.body());
            assertEquals(logBefore, decisionLogSize(), "a refused request leaves no decision behind");
            assertEquals(factsBefore, storedFacts(), "a refused request stores nothing");
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    private Answer send(Hostile input) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + input.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + OpsKeyForTests.OPS_KEY)
                .header("Content-Type", "application/json")
                .method(input.method(), input.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(input.body()))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    /**
     * Streams {@code bytes} of a JSON array in HTTP/1.1 chunks on a plain socket, until the service
     * answers (it must not wait for the end), and reads that answer.
     */
    private Answer sendChunked(String path, long bytes) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + OpsKeyForTests.OPS_KEY
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = new Thread(() -> {
                byte[] chunk = ("{\"facts\": [" + (SKU + "},").repeat(1000)).getBytes(StandardCharsets.US_ASCII);
                byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    for (long sent = 0; sent < bytes && !answered.get(); sent += chunk.length) {
                        out.write(head);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException e) {
                    // the service closed the connection after answering, as it should
                }
            });
            writer.start();
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            answered.set(true);
            String contentType = null;
            long length = -1;
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = header.substring(13).trim();
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                }
            }
            char[] body = new char[(int) Math.max(0, length)];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            writer.join();
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), contentType, new String(body, 0, read));
        }
    }

    private long decisionLogSize() {
        return ((Number) entityManager.createQuery("select coalesce(sum(d.decisionCount), 0) from DecisionLogEntry d").getSingleResult()).longValue();
    }

    private long storedFacts() {
        return ((Number) entityManager.createNativeQuery("select count(*) from stored_fact").getSingleResult()).longValue();
    }

    private static String cut(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** One of many ways to spoil a valid body. */
    static String mutate(String seed, Random random) throws Exception {
        switch (random.nextInt(12)) {
            case 0:
                return seed.substring(0, random.nextInt(seed.length()));
            case 1:
                return randomText(random);
            case 2: {
                StringBuilder deep = new StringBuilder();
                int depth = 10 + random.nextInt(2000);
                deep.append("{\"facts\":").append("[".repeat(depth)).append("]".repeat(depth)).append('}');
                return deep.toString();
            }
            case 3:
                return seed.replaceFirst("\\{", "{\"facts\": null, ");
            case 4:
                return "[" + seed + "]";
            default: {
                JsonNode tree = JSON.readTree(seed);
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    tree = mutateNode(tree, random);
                }
                return JSON.writeValueAsString(tree);
            }
        }
    }

    private static JsonNode mutateNode(JsonNode node, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(node, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, randomValue(random));
                case 2 -> object.set(randomText(random), randomValue(random));
                default -> object.set(name, object.get(name));
            }
        } else if (target instanceof ArrayNode array) {
            JsonNode sample = array.size() > 0 ? array.get(0) : randomValue(random);
            boolean small = sample.toString().length() < 500;
            int copies = small && random.nextInt(10) == 0 ? 10_001 : 1 + random.nextInt(3);
            for (int c = 0; c < copies; c++) {
                array.add(random.nextInt(4) == 0 ? randomValue(random) : sample.deepCopy());
            }
        }
        return node;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            Iterator<JsonNode> children = node.elements();
            while (children.hasNext()) {
                collect(children.next(), into);
            }
        }
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(-random.nextInt(1000));
            case 2 -> NODES.numberNode(random.nextDouble() * 1e12);
            case 3 -> NODES.numberNode(Long.MAX_VALUE);
            case 4 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 5 -> NODES.textNode(randomText(random));
            case 6 -> NODES.textNode("x".repeat(random.nextInt(120_000)));
            case 7 -> NODES.booleanNode(random.nextBoolean());
            case 8 -> NODES.arrayNode().add(randomText(random));
            case 9 -> NODES.objectNode().put("$where", "1==1");
            case 10 -> NODES.textNode("2026-13-45T99:99:99+25:00");
            case 11 -> NODES.textNode("${jndi:ldap://127.0.0.1/x}");
            case 12 -> NODES.textNode("'; drop table decision_log; --");
            default -> NODES.numberNode(random.nextInt());
        };
    }

    static String randomText(Random random) {
        String[] pieces = {"{", "}", "[", "]", "\"", ":", ",", "\\", "\\u0000", "null", "NaN", "-", "1e999", "最", "😀",
                "\u202e", "%s", "<script>", "../", "\n", " ", "true", "0x1F", "#{7*7}", "\ud800"};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
