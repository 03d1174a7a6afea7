package io.shoprules.engine;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Operations add a rule set by adding a folder: rules that declare their fact and decision types,
 * a data list and a scenario. The running service serves it, with no Java and no restart.
 */
@QuarkusTest
@WithTestResource(value = RuleFolderCopy.class)
class DeclaredRuleSetAddedAtRunTimeTest {

    private static final Path RULES = RuleFolderCopy.RULES.resolve("gifts");
    private static final Path SCENARIOS = RuleFolderCopy.SCENARIOS.resolve("gifts");

    private static final String GIFTS = """
            package io.shoprules.rules.gifts;

            global java.util.Set giftCities;

            declare GiftPolicy
                @policy
                minimumBasket : java.math.BigDecimal = new java.math.BigDecimal("88")
            end

            declare Basket
                @fact
                basketId : String @id
                city : String @required
                amount : java.math.BigDecimal @required @min(0)
            end

            declare Gift
                @decision("GIFT")
                @subject("basketId")
                basketId : String
                city : String
            end

            rule "gifts: a large basket in a gift city gets a gift"
            when
                $policy : GiftPolicy()
                $basket : Basket( amount >= $policy.minimumBasket, giftCities.contains(city) )
            then
                insert(new Gift($basket.getBasketId(), $basket.getCity()));
            end
            """;

    private static final String SCENARIO = """
            # 88 is the minimum basket for a gift, in a gift city.
            now: '2026-03-10T10:00:00+08:00'
            facts:
            - {basketId: b-1, city: 成都, amount: 88}
            - {basketId: b-2, city: 成都, amount: 87.99}
            exactly: true
            expect:
            - {type: GIFT, subject: b-1, city: 成都}
            """;

    @AfterEach
    void removeTheFolder() throws IOException {
        RuleFolderCopy.delete(RULES);
        RuleFolderCopy.delete(SCENARIOS);
    }

    @Test
    void aFolderWithDeclaredTypesIsServedWithoutARestart() {
        given().contentType(ContentType.JSON).body("{\"facts\": []}")
                .post("/api/rulesets/gifts/decisions").then().statusCode(404);

        RuleFolderCopy.write(SCENARIOS.resolve("gift-at-the-minimum-basket.yaml"), SCENARIO);
        RuleFolderCopy.write(RULES.resolve("gift-cities.list"), "# cities with a gift\n成都\n");
        RuleFolderCopy.write(RULES.resolve("gifts.drl"), GIFTS);
        String first = awaitGifts(status -> status.getString("version") != null && status.get("lastRejected") == null)
                .getString("version");

        given().contentType(ContentType.JSON)
                .body("""
                        {"now": "2026-03-10T10:00:00+08:00", "facts": [
                          {"basketId": "rt-1", "city": "成都", "amount": 120},
                          {"basketId": "rt-2", "city": "北京", "amount": 120}]}""")
                .post("/api/rulesets/gifts/decisions").then().statusCode(200)
                .body("decisions.size()", equalTo(1))
                .body("decisions[0].type", equalTo("GIFT"))
                .body("decisions[0].subject", equalTo("rt-1"))
                .body("decisions[0].rule", equalTo("gifts: a large basket in a gift city gets a gift"));
        given().contentType(ContentType.JSON).body("{\"facts\": [{\"basketId\": \"rt-3\", \"city\": \"成都\"}]}")
                .post("/api/rulesets/gifts/decisions").then().statusCode(400)
                .body("field", equalTo("facts[0].amount"));
        given().get("/api/rulesets/gifts/schema").then().statusCode(200)
                .body("'$defs'.Basket.required", hasItem("amount"));

        // the data list is the operations' to edit: a new city is served after the reload
        RuleFolderCopy.write(RULES.resolve("gift-cities.list"), "# cities with a gift\n成都\n北京\n");
        awaitGifts(status -> !first.equals(status.getString("version")) && status.get("lastRejected") == null);
        given().contentType(ContentType.JSON)
                .body("{\"facts\": [{\"basketId\": \"rt-2\", \"city\": \"北京\", \"amount\": 120}]}")
                .post("/api/rulesets/gifts/decisions").then().statusCode(200)
                .body("decisions[0].subject", equalTo("rt-2"));
    }

    @Test
    void aDecisionTypeWhoseSubjectNamesNoFieldIsRefusedWithTheReason() {
        RuleFolderCopy.write(RULES.resolve("gift-cities.list"), "成都\n");
        RuleFolderCopy.write(RULES.resolve("gifts.drl"), GIFTS.replace("@subject(\"basketId\")", "@subject(\"cartId\")"));
        JsonPath status = awaitGifts(s -> s.get("lastRejected") != null
                && s.getString("lastRejected.errors.message").contains("@subject"));
        assertThat(status.getString("lastRejected.errors.message"), containsString("Gift: @subject must name the field"));
    }

    /** Polls the gifts status of {@code GET /api/rulesets}: the watcher looks every 0.2 s, a check takes seconds. */
    private static JsonPath awaitGifts(Predicate<JsonPath> condition) {
        return RuleFolderCopy.awaitRuleSet("gifts", condition);
    }
}
