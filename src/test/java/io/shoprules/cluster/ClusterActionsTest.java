package io.shoprules.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoprules.cluster.PackagedInstances.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.shoprules.cluster.PackagedInstances.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged instances on one PostgreSQL database, both running the contact gate: every message a
 * job made is released exactly once, the daily cap holds per customer although both instances weigh
 * that customer's messages at once, and of 100 redemptions of one coupon code, sent to both instances
 * in parallel, exactly one wins. An impact preview started on one instance is answered by the other.
 *
 * <p>Tag {@code cluster}; {@code .ci/run} runs it with {@link ClusterFailoverTest}. The fixture
 * {@code contact} rule set allows one message per customer and day; the shop's zone is chosen so that
 * it is midday there, away from the fixture's quiet hours and from midnight.
 */
@Tag("cluster")
class ClusterActionsTest {

    private static final int FIRST_PORT = Integer.getInteger("cluster.actions-first-port", 18201);
    private static final int CUSTOMERS = 40;
    private static final int REDEMPTIONS = 100;
    private static final Duration RELEASED_WITHIN = Duration.ofMinutes(2);

    private final ObjectMapper json = new ObjectMapper();
    private PackagedInstances instances;

    @AfterEach
    void stopEveryInstance() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void twoInstancesReleaseEachMessageOnceKeepTheDailyCapLetOneRedemptionWinAndShareAPreview() throws Exception {
        instances = new PackagedInstances("cluster-actions-test", FIRST_PORT, "goodwill", "contact");
        // the gifts become messages: counted against the contact caps by whichever gate gets them first
        Path actions = instances.work().resolve("rules/goodwill/actions.yaml");
        Files.writeString(actions, Files.readString(actions).replace("GIFT:\n", "GIFT:\n  customer: customerId\n"));
        // the contact scenarios judge quiet hours in Asia/Shanghai; this test moves the shop's zone to midday
        try (var scenarios = Files.list(instances.work().resolve("scenarios/contact"))) {
            for (Path scenario : scenarios.toList()) {
                Files.delete(scenario);
            }
        }
        Map<String, String> settings = Map.of(
                "shoprules.shop.zone", middayZone(),
                "shoprules.jobs.enabled", "true",
                "shoprules.jobs.goodwill.cron", "off",
                "shoprules.jobs.contact.cron", "off",
                "shoprules.actions.release-every", "1s");
        Node first = instances.start(1, settings);
        awaitServing(first);
        Node second = instances.start(2, settings);
        awaitServing(second);

        // two cases per customer, each with a gift: two messages for one customer, room for one a day
        List<String> cases = new ArrayList<>();
        for (int customer = 0; customer < CUSTOMERS; customer++) {
            cases.add("{\"caseId\": \"g-" + customer + "-a\", \"customerId\": \"cust-" + customer + "\", \"gift\": 5}");
            cases.add("{\"caseId\": \"g-" + customer + "-b\", \"customerId\": \"cust-" + customer + "\", \"gift\": 5}");
        }
        HttpResponse<String> stored = instances.send(first, HttpRequest.newBuilder(URI.create(first.base() + "/api/facts/goodwill"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"facts\": [" + String.join(",", cases) + "]}")));
        assertEquals(200, stored.statusCode(), stored.body());
        HttpResponse<String> run = instances.send(second, HttpRequest.newBuilder(URI.create(second.base() + "/api/jobs/goodwill/run"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, run.statusCode(), run.body());

        await("both gates to release every held gift", RELEASED_WITHIN, () -> held() == 0 ? Optional.of(true) : Optional.empty());
        try (Connection connection = DriverManager.getConnection(PackagedInstances.JDBC_URL, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet perCustomer = statement.executeQuery("select customer,"
                     + " sum(case when status = 'PENDING' then 1 else 0 end),"
                     + " sum(case when status = 'SUPPRESSED' then 1 else 0 end),"
                     + " sum(case when released_at is not null then 1 else 0 end), count(*)"
                     + " from action where type = 'GIFT' group by customer")) {
            int customers = 0;
            while (perCustomer.next()) {
                customers++;
                String customer = perCustomer.getString(1);
                assertEquals(1, perCustomer.getInt(2), customer + ": one gift goes out");
                assertEquals(1, perCustomer.getInt(3), customer + ": the other is over the daily cap");
                assertEquals(1, perCustomer.getInt(4), customer + ": released once");
                assertEquals(2, perCustomer.getInt(5), customer + ": each gift exists once");
            }
            assertEquals(CUSTOMERS, customers);
        }

        String code = pendingGiftCode(first, "cust-0");
        ExecutorService redeemers = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < REDEMPTIONS; i++) {
                Node node = i % 2 == 0 ? first : second;
                String body = "{\"orderId\": \"order-" + i + "\", \"customerId\": \"cust-0\"}";
                answers.add(redeemers.submit(() -> instances.send(node, HttpRequest.newBuilder(
                        URI.create(node.base() + "/api/coupons/" + code + "/redeem")).POST(HttpRequest.BodyPublishers.ofString(body)))));
            }
            List<String> winners = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < REDEMPTIONS; i++) {
                HttpResponse<String> answer = answers.get(i).get();
                if (answer.statusCode() == 200) {
                    winners.add("order-" + i);
                } else {
                    assertEquals(409, answer.statusCode(), answer.body());
                    refused++;
                }
            }
            assertEquals(1, winners.size(), "winners: " + winners);
            assertEquals(REDEMPTIONS - 1, refused);
            JsonNode coupon = json.readTree(instances.send(second, HttpRequest.newBuilder(
                    URI.create(second.base() + "/api/coupons/" + code)).GET()).body());
            assertEquals("REDEEMED", coupon.path("status").asText(), coupon.toString());
            assertEquals(winners.get(0), coupon.path("orderId").asText(), coupon.toString());
        } finally {
            redeemers.shutdownNow();
        }

        // a draft that decides as the serving version does: every stored case replayed, nothing changes
        String rules = Files.readString(instances.work().resolve("rules/goodwill/goodwill.drl")) + "\n// a comment\n";
        HttpResponse<String> started = instances.send(first, HttpRequest.newBuilder(URI.create(first.base()
                + "/api/rulesets/goodwill/preview")).POST(HttpRequest.BodyPublishers.ofString(
                json.writeValueAsString(Map.of("files", Map.of("goodwill.drl", rules))))));
        assertEquals(202, started.statusCode(), started.body());
        String preview = json.readTree(started.body()).path("id").asText();
        JsonNode done = await("the second instance to show the first's preview ended", RELEASED_WITHIN, () -> {
            try {
                HttpResponse<String> answer = instances.send(second, HttpRequest.newBuilder(URI.create(second.base()
                        + "/api/previews/" + preview)).GET());
                assertEquals(200, answer.statusCode(), answer.body());
                JsonNode view = json.readTree(answer.body());
                return "RUNNING".equals(view.path("status").asText()) ? Optional.empty() : Optional.of(view);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
        assertEquals("DONE", done.path("status").asText(), done.toString());
        assertEquals(cases.size(), done.path("factsReplayed").asInt(), done.toString());
        assertEquals(0, done.path("summary").size(), done.toString());
    }

    /** An offset at which it is about noon now, so neither quiet hours nor a day's end fall in the test. */
    private static String middayZone() {
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = 12 - hour;
        return ZoneOffset.ofHours(offset < -12 ? offset + 24 : offset).getId();
    }

    private void awaitServing(Node node) {
        await(node.name() + " to serve goodwill and contact", PackagedInstances.STARTS_WITHIN, () -> {
            if (!node.process().isAlive()) {
                throw new AssertionError(node.name() + " stopped; see " + instances.work().resolve(node.name() + ".log"));
            }
            try {
                HttpResponse<String> response = instances.send(node, HttpRequest.newBuilder(URI.create(node.base() + "/api/rulesets")).GET());
                int serving = 0;
                if (response.statusCode() == 200) {
                    for (JsonNode status : json.readTree(response.body())) {
                        serving += status.hasNonNull("version") ? 1 : 0;
                    }
                }
                return serving == 2 ? Optional.of(true) : Optional.empty();
            } catch (Exception e) {
                return Optional.empty();
            }
        });
    }

    private long held() {
        try (Connection connection = DriverManager.getConnection(PackagedInstances.JDBC_URL, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from action where status = 'HELD'")) {
            count.next();
            return count.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private String pendingGiftCode(Node node, String customer) throws Exception {
        JsonNode pending = json.readTree(instances.send(node, HttpRequest.newBuilder(URI.create(node.base()
                + "/api/actions?ruleSet=goodwill&type=GIFT&status=PENDING&size=500")).GET()).body());
        for (JsonNode action : pending) {
            if (customer.equals(action.path("customer").asText())) {
                String code = action.path("decision").path("coupon").path("code").asText(null);
                assertTrue(code != null && !code.isEmpty(), action.toString());
                return code;
            }
        }
        throw new AssertionError("no pending gift for " + customer + " in " + pending);
    }
}
