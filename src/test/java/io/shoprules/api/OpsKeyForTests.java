package io.shoprules.api;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Tests call the API as operations unless they give an Authorization header of their own (see
 * {@code AccessTest} for calls without a key or with a shop key).
 */
public class OpsKeyForTests implements QuarkusTestBeforeEachCallback {

    public static final String OPS_KEY = "test-ops-key-7f3a9c";
    public static final String SHOP_KEY = "test-shop-key-51e0b2";

    private static final Filter OPS_UNLESS_GIVEN = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + OPS_KEY);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.replaceFiltersWith(OPS_UNLESS_GIVEN);
    }
}
