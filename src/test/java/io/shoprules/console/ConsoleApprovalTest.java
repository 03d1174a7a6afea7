package io.shoprules.console;

import io.quarkus.test.junit.QuarkusTest;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.api.OpsKeyForTests;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.restassured.RestAssured.given;
import static io.shoprules.coupons.Goodwill.action;
import static io.shoprules.coupons.Goodwill.code;
import static io.shoprules.coupons.Goodwill.goodwillCase;
import static io.shoprules.coupons.Goodwill.storeAndRun;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The actions page's approve and reject buttons over plain HTTP: they need the session's form token,
 * and the verdict is recorded with the signed-in operator's name (the tests' goodwill rule set makes a
 * VOUCHER above 100 yuan wait for approval).
 */
@QuarkusTest
class ConsoleApprovalTest implements StartsFromEmptyTables {

    private static final OffsetDateTime IN_TWO_DAYS = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2);

    @Test
    void anOperatorApprovesAndRejectsWaitingActionsFromTheActionsPage() {
        storeAndRun(goodwillCase("con-yes", "c1", "150", IN_TWO_DAYS, null), goodwillCase("con-no", "c2", "180", IN_TWO_DAYS, null));
        Object approveId = action("VOUCHER", "con-yes").get("id");
        Object rejectId = action("VOUCHER", "con-no").get("id");
        String session = ConsoleSignIn.session(OpsKeyForTests.OPS_KEY);
        String page = given().cookie(ConsoleSessions.COOKIE, session).when().get("/console/actions").then().statusCode(200)
                .body(containsString("id=\"waiting-actions\"")).body(containsString("con-yes")).extract().asString();
        String token = ConsoleSignIn.formToken(page);

        given().cookie(ConsoleSessions.COOKIE, session).formParam("csrf", "forged").redirects().follow(false)
                .when().post("/console/actions/" + approveId + "/approve").then().statusCode(403);
        given().get("/api/actions/" + approveId).then().body("status", equalTo("PENDING_APPROVAL"));

        given().cookie(ConsoleSessions.COOKIE, session).formParam("csrf", token).formParam("note", "checked the order")
                .when().post("/console/actions/" + approveId + "/approve").then().statusCode(200)
                .body(containsString("is approved"));
        given().get("/api/actions/" + approveId).then().body("status", equalTo("PENDING"))
                .body("approval.decidedBy", equalTo("test-ops")).body("approval.note", equalTo("checked the order"));

        given().cookie(ConsoleSessions.COOKIE, session).formParam("csrf", token)
                .when().post("/console/actions/" + rejectId + "/reject").then().statusCode(200)
                .body(containsString("is rejected"));
        given().get("/api/actions/" + rejectId).then().body("status", equalTo("REJECTED"))
                .body("approval.verdict", equalTo("REJECTED"));
        given().get("/api/coupons/" + code("VOUCHER", "con-no")).then().body("status", equalTo("VOID"));
    }
}
