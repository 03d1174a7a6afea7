package io.shoprules.facts;

import io.quarkus.test.junit.QuarkusTest;
import io.shoprules.api.OpsKeyForTests;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients storing the same facts at once, each in its own order. */
@QuarkusTest
class ConcurrentFactWritesTest {

    private static final int CLIENTS = 8;
    private static final int ROUNDS = 30;
    private static final int IDS = 20;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /**
     * On PostgreSQL, 32 of these 240 writes answered 500 after deadlocks while each client sent its own
     * order. Now rows are written in id order: a write goes through, or at worst, after its retries,
     * is answered 409 as a problem; never 500.
     */
    @Test
    void clientsWritingTheSameFactsInDifferentOrdersNeverGet500() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> bad = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    Random random = new Random(client);
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        List<Integer> order = new ArrayList<>();
                        for (int i = 0; i < IDS; i++) {
                            order.add(i);
                        }
                        Collections.shuffle(order, random);
                        StringBuilder body = new StringBuilder("{\"facts\": [");
                        for (int i : order) {
                            body.append(body.length() > 12 ? "," : "").append("{\"skuId\": \"cw-").append(i)
                                    .append("\", \"onHand\": ").append(client * 1000 + round)
                                    .append(", \"avgDailySales\": 1, \"leadTimeDays\": 1}");
                        }
                        body.append("]}");
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + port + "/api/facts/inventory"))
                                        .timeout(Duration.ofSeconds(60))
                                        .header("Authorization", "Bearer " + OpsKeyForTests.OPS_KEY)
                                        .header("Content-Type", "application/json")
                                        .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        boolean problem = response.headers().firstValue("Content-Type").orElse("")
                                .startsWith("application/problem+json");
                        if (response.statusCode() != 200 && !(response.statusCode() == 409 && problem)) {
                            bad.add(response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("concurrent fact writes: %s%n", new TreeMap<>(statuses));
        assertTrue(bad.isEmpty(), () -> bad.size() + " answers other than 200 or a 409 problem, first: " + bad.get(0));
        assertEquals(CLIENTS * ROUNDS, statuses.values().stream().mapToInt(Integer::intValue).sum());
        for (int i = 0; i < IDS; i++) {
            io.restassured.RestAssured.given().get("/api/facts/inventory/cw-" + i).then().statusCode(200);
        }
    }
}
