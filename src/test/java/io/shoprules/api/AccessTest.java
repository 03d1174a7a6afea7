package io.shoprules.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint but health and OpenAPI asks for an API key; roles decide what a key may do. */
@QuarkusTest
class AccessTest {

    private static final String ONE_SKU = """
            {"facts": [{"skuId": "a", "onHand": 1, "avgDailySales": 1, "leadTimeDays": 1}]}""";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private HttpResponse<String> call(String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void missingKeyIsUnauthorized() throws Exception {
        for (String[] endpoint : new String[][] {
                {"POST", "/api/rulesets/inventory/decisions", ONE_SKU},
                {"GET", "/api/rulesets", null},
                {"POST", "/api/rulesets/reload", null},
                {"POST", "/api/rulesets/inventory/validate", "{}"},
                {"GET", "/api/decisions", null},
                {"POST", "/api/rulesets/unknown/decisions", ONE_SKU}}) {
            HttpResponse<String> response = call(endpoint[0], endpoint[1], null, endpoint[2]);
            assertEquals(401, response.statusCode(), endpoint[1]);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    endpoint[1]);
        }
    }

    @Test
    void wrongKeyIsUnauthorizedAndNotEchoed() throws Exception {
        HttpResponse<String> response = call("GET", "/api/rulesets", "Bearer not-a-key-9d8e", null);
        assertEquals(401, response.statusCode());
        assertFalse(response.body().contains("not-a-key-9d8e"));
    }

    @Test
    void malformedAuthorizationIsUnauthorized() throws Exception {
        assertEquals(401, call("GET", "/api/rulesets", "Basic dXNlcjpwYXNz", null).statusCode());
        assertEquals(401, call("GET", "/api/rulesets", "Bearer ", null).statusCode());
    }

    @Test
    void shopKeyMayAskForDecisions() {
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON).body(ONE_SKU)
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200);
    }

    @Test
    void shopKeyMayNotManageRuleSetsOrReadTheDecisionLog() {
        for (String path : new String[] {"/api/rulesets", "/api/decisions"}) {
            given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY)
                    .when().get(path)
                    .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        }
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY)
                .when().post("/api/rulesets/reload")
                .then().statusCode(403);
    }

    @Test
    void opsKeyMayDoWhatShopMayDo() {
        given().contentType(ContentType.JSON).body(ONE_SKU)
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200);
    }

    @Test
    void healthAndOpenApiNeedNoKey() throws Exception {
        assertEquals(200, call("GET", "/q/health/live", null, null).statusCode());
        assertEquals(200, call("GET", "/q/openapi", null, null).statusCode());
    }
}
