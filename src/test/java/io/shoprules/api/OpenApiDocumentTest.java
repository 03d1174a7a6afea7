package io.shoprules.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** The OpenAPI document tells Swagger UI (and client generators) how to send an API key. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void bearerKeySchemeIsDeclaredAndRequiredWhereARoleIs() {
        given().queryParam("format", "JSON")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.apiKey.type", equalTo("http"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                // the roles an operation allows are listed as the requirement's scopes
                .body("paths.'/api/rulesets'.get.security.apiKey", hasItem(hasItem("ops")))
                .body("paths.'/api/rulesets/inventory/decisions'.post.security.apiKey", hasItem(hasItem("shop")))
                .body("paths.'/api/rulesets'.get.responses", hasKey("401"))
                .body("paths.'/api/rulesets'.get.responses", hasKey("403"))
                .body("paths", not(hasKey("/q/health")));
    }
}
