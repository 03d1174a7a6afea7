package io.shoprules.api;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call what, as one table: every endpoint against no key, an unknown key, a shop key and an
 * ops key. A shop key may ask for decisions, store facts and read and acknowledge actions; an ops
 * key may do that and manage rule sets, run jobs, retry, approve and reject actions and read the decision log. Calls a
 * role may make are aimed where they change nothing (unknown ids, empty batches), so the status
 * shows the call got past security and no other test is disturbed.
 */
@QuarkusTest
class AccessTest {

    private static final String ONE_SKU = """
            {"facts": [{"skuId": "access-1", "onHand": 1, "avgDailySales": 1, "leadTimeDays": 1}]}""";
    private static final String NO_FACTS = "{\"facts\": []}";
    private static final String WRONG_KEY = "not-a-key-9d8e";

    enum Caller {
        NO_KEY(null), WRONG_KEY("Bearer " + AccessTest.WRONG_KEY), SHOP_KEY("Bearer " + OpsKeyForTests.SHOP_KEY),
        OPS_KEY("Bearer " + OpsKeyForTests.OPS_KEY);

        final String authorization;

        Caller(String authorization) {
            this.authorization = authorization;
        }
    }

    /** method, path, body, then the status for no key, wrong key, shop key, ops key. */
    private static final Object[][] TABLE = {
            {"POST", "/api/rulesets/inventory/decisions", ONE_SKU, 401, 401, 200, 200},
            {"POST", "/api/rulesets/cart/decisions", NO_FACTS, 401, 401, 200, 200},
            {"POST", "/api/rulesets/complaint/decisions", NO_FACTS, 401, 401, 200, 200},
            {"POST", "/api/rulesets/listing/decisions", NO_FACTS, 401, 401, 200, 200},
            {"POST", "/api/rulesets/no-such-set/decisions", ONE_SKU, 401, 401, 404, 404},
            {"GET", "/api/rulesets", null, 401, 401, 403, 200},
            {"POST", "/api/rulesets/reload", null, 401, 401, 403, 200},
            {"POST", "/api/rulesets/no-such-set/validate", "{}", 401, 401, 403, 404},
            {"POST", "/api/rulesets/no-such-set/scenarios/rebaseline", "{}", 401, 401, 403, 404},
            {"GET", "/api/decisions?subject=access-nobody", null, 401, 401, 403, 200},
            {"POST", "/api/decisions/987654321/scenario", null, 401, 401, 403, 404},
            {"PUT", "/api/facts/inventory", NO_FACTS, 401, 401, 200, 200},
            {"GET", "/api/facts/inventory/access-nobody", null, 401, 401, 404, 404},
            {"DELETE", "/api/facts/inventory/access-nobody", null, 401, 401, 404, 404},
            {"GET", "/api/jobs", null, 401, 401, 403, 200},
            {"GET", "/api/jobs/inventory", null, 401, 401, 403, 200},
            {"POST", "/api/jobs/no-such-set/run", null, 401, 401, 403, 404},
            {"GET", "/api/actions?subject=access-nobody", null, 401, 401, 200, 200},
            {"GET", "/api/actions/987654321", null, 401, 401, 404, 404},
            {"POST", "/api/actions/987654321/ack", null, 401, 401, 404, 404},
            {"POST", "/api/actions/987654321/retry", null, 401, 401, 403, 404},
            {"POST", "/api/actions/987654321/approve", null, 401, 401, 403, 404},
            {"POST", "/api/actions/987654321/reject", "{\"note\": \"access\"}", 401, 401, 403, 404},
            {"GET", "/api/coupons/0000-0000-0000-0000", null, 401, 401, 404, 404},
            {"POST", "/api/coupons/0000-0000-0000-0000/redeem", "{\"orderId\": \"access\"}", 401, 401, 404, 404},
            {"GET", "/api/rulesets/cart/experiments", null, 401, 401, 403, 200},
            {"DELETE", "/api/rulesets/cart/experiments/access-nobody", null, 401, 401, 403, 404},
            {"POST", "/api/rulesets/cart/experiments/access-nobody/promote", null, 401, 401, 403, 404},
            {"POST", "/api/outcomes", "{\"ruleSet\": \"no-such-set\", \"subject\": \"c\", \"outcome\": \"paid\","
                    + " \"at\": \"2026-03-10T12:00:00+08:00\"}", 401, 401, 404, 404},
            {"GET", "/q/health/live", null, 200, 200, 200, 200},
            {"GET", "/q/openapi", null, 200, 200, 200, 200},
            {"GET", "/q/metrics", null, 200, 200, 200, 200},
    };

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    static Stream<Arguments> cells() {
        return Stream.of(TABLE).flatMap(row -> Stream.of(Caller.values()).map(caller ->
                Arguments.of(row[0], row[1], row[2], caller, row[3 + caller.ordinal()])));
    }

    @ParameterizedTest(name = "{0} {1} with {3}: {4}")
    @MethodSource("cells")
    void endpointAnswersEachCallerAsItsRoleAllows(String method, String path, String body, Caller caller, int status)
            throws Exception {
        HttpResponse<String> response = call(method, path, caller.authorization, body);
        assertEquals(status, response.statusCode(), response::body);
        if (status == 401 || status == 403) {
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    response.headers()::toString);
        }
        assertFalse(response.body().contains(WRONG_KEY), "a key is never echoed");
    }

    @Test
    void malformedAuthorizationIsUnauthorized() throws Exception {
        for (String authorization : List.of("Basic dXNlcjpwYXNz", "Bearer ", "Bearer", OpsKeyForTests.OPS_KEY)) {
            assertEquals(401, call("GET", "/api/rulesets", authorization, null).statusCode(), authorization);
        }
    }

    private HttpResponse<String> call(String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        // HTTP/1.1 as the shop backends speak it: the JDK client's default h2c upgrade once read a plain
        // answer as HTTP/2 frames ("Frame type(32) ... exceeds MAX_FRAME_SIZE")
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
