package io.shoprules.listing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ListingDecisionsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void violationOffsetsPointIntoTheOriginalTextAndTheVerdictSumsUp() {
        String title = "🎁限时 國家級 品质，最 佳之选";
        decide("""
                {"now": "2026-03-10T10:00:00+08:00",
                 "facts": [{"listingId": "http-l-1", "platform": "DOUYIN", "category": "家居", "title": "%s",
                            "qualifications": [{"name": "3C认证", "number": "2021011", "expiresOn": "2026-03-20"}]}]}"""
                .formatted(title))
                .statusCode(200)
                .body("ruleSet", equalTo("listing"))
                .body("decisions.findAll { it.type == 'VIOLATION' }", hasSize(2))
                .body("decisions.find { it.matched == '国家级' }.term", equalTo("國家級"))
                .body("decisions.find { it.matched == '国家级' }.start", equalTo(title.indexOf('國')))
                .body("decisions.find { it.matched == '国家级' }.end", equalTo(title.indexOf('級') + 1))
                .body("decisions.find { it.matched == '最佳' }.term", equalTo("最 佳"))
                .body("decisions.find { it.matched == '最佳' }.suggestion", equalTo("优质"))
                .body("decisions.find { it.type == 'QUALIFICATION' }.status", equalTo("EXPIRING"))
                .body("decisions.find { it.type == 'VERDICT' }.verdict", equalTo("BLOCK"));
    }

    @Test
    void aBrokenTermListIsRejectedWithFileAndLineAndNothingChanges() {
        String serving = decide("{\"facts\": [{\"listingId\": \"l\", \"title\": \"最佳\"}]}")
                .statusCode(200).extract().path("version");

        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("absolute.terms", "最佳 | ABSOLUTE_TERM | BLOCK\n第一 | SUPERLATIVE | BLOCK\n")))
                .when().post("/api/rulesets/listing/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("absolute.terms"))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].message", containsString("SUPERLATIVE"));

        decide("{\"facts\": [{\"listingId\": \"l\", \"title\": \"最佳\"}]}")
                .statusCode(200)
                .body("version", equalTo(serving))
                .body("decisions.find { it.type == 'VIOLATION' }.matched", equalTo("最佳"));
    }

    @Test
    void medicalClaimsAreAllowedInACategoryPathOrSynonymOfTheCategoryList() {
        decide("""
                {"facts": [{"listingId": "med-1", "category": "医药健康/医疗器械", "title": "家用雾化器 消炎"},
                           {"listingId": "med-2", "category": "OTC药品", "title": "消炎片"},
                           {"listingId": "med-3", "category": "食品", "title": "消炎茶"}]}""")
                .statusCode(200)
                .body("decisions.findAll { it.type == 'VIOLATION' }.listingId", equalTo(java.util.List.of("med-3")))
                .body("decisions.find { it.type == 'VERDICT' && it.listingId == 'med-1' }.verdict", equalTo("PASS"))
                .body("decisions.find { it.type == 'VERDICT' && it.listingId == 'med-2' }.verdict", equalTo("PASS"))
                .body("decisions.find { it.type == 'VERDICT' && it.listingId == 'med-3' }.verdict", equalTo("BLOCK"));
    }

    @Test
    void aCategoryListedTwiceIsRejectedWithFileAndLine() {
        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("medical.categories", "药品\nOTC药品\notc药品\n")))
                .when().post("/api/rulesets/listing/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("medical.categories"))
                .body("errors[0].line", equalTo(3));
    }

    @Test
    void textLongerThanOneHundredThousandCharactersIsRejected() {
        decide("{\"facts\": [{\"listingId\": \"l\", \"title\": \"" + "好".repeat(100_001) + "\"}]}")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].title"));
    }

    @Test
    void textOfExactlyOneHundredThousandCharactersIsChecked() {
        decide("{\"facts\": [{\"listingId\": \"l\", \"description\": \"" + "好".repeat(99_998) + "最佳\"}]}")
                .statusCode(200)
                .body("decisions.find { it.type == 'VIOLATION' }.start", equalTo(99_998));
    }

    @Test
    void listingWithoutIdIsRejected() {
        decide("{\"facts\": [{\"title\": \"保温杯\"}]}")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].listingId"));
    }

    @Test
    void unknownPlatformIsRejected() {
        decide("{\"facts\": [{\"listingId\": \"l\", \"platform\": \"AMAZON\", \"title\": \"保温杯\"}]}")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].platform"));
    }

    @Test
    void certificateWithoutExpiryIsRejected() {
        decide("{\"facts\": [{\"listingId\": \"l\", \"qualifications\": [{\"name\": \"3C\"}]}]}")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].qualifications[0].expiresOn"));
    }

    private static ValidatableResponse decide(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/rulesets/listing/decisions")
                .then();
    }
}
