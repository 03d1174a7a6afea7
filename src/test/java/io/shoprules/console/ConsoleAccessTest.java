package io.shoprules.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.shoprules.api.OpsKeyForTests;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's session over plain HTTP: who may sign in, what the cookie promises, that every
 * form needs its session's token, and that a console cookie opens nothing in the API.
 */
@QuarkusTest
class ConsoleAccessTest {

    @Test
    void anOpsKeySignsInWithASignedHttpOnlyStrictExpiringCookie() {
        Response signedIn = ConsoleSignIn.signIn(OpsKeyForTests.OPS_KEY);

        assertEquals(303, signedIn.statusCode());
        assertEquals("/console/rulesets", java.net.URI.create(signedIn.header("Location")).getPath());
        Cookie session = signedIn.getDetailedCookie(ConsoleSessions.COOKIE);
        assertNotNull(session, signedIn.headers()::toString);
        assertTrue(session.isHttpOnly(), session::toString);
        assertTrue(session.isSecured(), session::toString);
        assertEquals("Strict", session.getSameSite(), session::toString);
        assertEquals(8 * 3600, session.getMaxAge(), "shoprules.console.session-ttl=8h");
        assertEquals("/console", session.getPath());
        assertTrue(!session.getValue().contains(OpsKeyForTests.OPS_KEY), "the key itself never goes into the cookie");

        given().cookie(ConsoleSessions.COOKIE, session.getValue()).redirects().follow(false)
                .when().get("/console/rulesets")
                .then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", "DENY")
                .body(containsString("test-ops"));
    }

    @Test
    void aShopKeyAndAWrongKeyCannotSignIn() {
        Response shop = ConsoleSignIn.signIn(OpsKeyForTests.SHOP_KEY);
        assertEquals(403, shop.statusCode());
        assertTrue(shop.asString().contains("only an ops key may sign in"), shop::asString);
        assertSessionNotOpened(shop);

        Response wrong = ConsoleSignIn.signIn("not-a-key-at-all");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.asString().contains("That key is not valid."), wrong::asString);
        assertSessionNotOpened(wrong);
    }

    @Test
    void pagesWithoutAValidSessionSendToTheSignIn() {
        String session = ConsoleSignIn.session(OpsKeyForTests.OPS_KEY);
        String[] parts = session.split("\\.");
        String otherName = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("admin".getBytes())
                + "." + parts[1] + "." + parts[2];
        String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        for (String cookie : List.of("", "garbage", otherName, longer)) {
            given().cookie(ConsoleSessions.COOKIE, cookie).redirects().follow(false)
                    .when().get("/console/rulesets")
                    .then().statusCode(303).header("Location", containsString("/console/sign-in"));
        }
        given().redirects().follow(false).when().get("/console/decisions")
                .then().statusCode(303).header("Location", containsString("/console/sign-in"));
        given().header("HX-Request", "true").when().get("/console/jobs/runs")
                .then().statusCode(401).header("HX-Redirect", "/console/sign-in");
    }

    @Test
    void aFormWithoutItsSessionTokenIsRefusedAndChangesNothing() {
        String session = ConsoleSignIn.session(OpsKeyForTests.OPS_KEY);
        String serving = given().when().get("/api/rulesets").then().extract().path("find { it.name == 'inventory' }.version");
        String otherSession = ConsoleSignIn.session(OpsKeyForTests.OPS_KEY);
        String otherToken = ConsoleSignIn.formToken(given().cookie(ConsoleSessions.COOKIE, otherSession)
                .when().get("/console/rulesets").asString());

        for (String token : new String[] {null, "", "forged", otherToken + "x"}) {
            var request = given().cookie(ConsoleSessions.COOKIE, session).redirects().follow(false)
                    .formParam("version", "0123abcd");
            if (token != null) {
                request.formParam("csrf", token);
            }
            request.when().post("/console/rulesets/inventory/rollback")
                    .then().statusCode(403).contentType(containsString("text/html"))
                    .body(containsString("not sent from a page of your console session"));
        }
        given().cookie(ConsoleSessions.COOKIE, session).formParam("key", OpsKeyForTests.OPS_KEY).redirects().follow(false)
                .when().post("/console/sign-in")
                .then().statusCode(403);
        given().when().get("/api/rulesets").then().body("find { it.name == 'inventory' }.version", equalTo(serving));
    }

    @Test
    void aConsoleSessionOpensNothingInTheApi() {
        String session = ConsoleSignIn.session(OpsKeyForTests.OPS_KEY);
        given().noFilters().cookie(ConsoleSessions.COOKIE, session)
                .when().get("/api/rulesets")
                .then().statusCode(401).body(not(containsString("inventory")));
    }

    @Test
    void signingOutEndsTheCookie() {
        String session = ConsoleSignIn.session(OpsKeyForTests.OPS_KEY);
        String token = ConsoleSignIn.formToken(given().cookie(ConsoleSessions.COOKIE, session)
                .when().get("/console/rulesets").asString());
        Cookie cleared = given().cookie(ConsoleSessions.COOKIE, session).formParam("csrf", token).redirects().follow(false)
                .when().post("/console/sign-out")
                .then().statusCode(303).extract().detailedCookie(ConsoleSessions.COOKIE);
        assertEquals(0, cleared.getMaxAge());
        assertEquals("", cleared.getValue());
    }

    private static void assertSessionNotOpened(Response response) {
        String cookie = response.getCookie(ConsoleSessions.COOKIE);
        assertNull(cookie, "no session for a refused key");
    }
}
