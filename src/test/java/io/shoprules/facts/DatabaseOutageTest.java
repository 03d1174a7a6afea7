package io.shoprules.facts;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Fact writes while the database cannot serve: answered 503 with Retry-After, not 500. The outage is
 * a pool with every connection taken (the service sees what it sees when the database stops answering:
 * no connection within the acquisition timeout), which works the same on H2 and PostgreSQL.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.SmallPool.class)
class DatabaseOutageTest {

    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "3",
                    "quarkus.datasource.jdbc.acquisition-timeout", "1s");
        }
    }

    private static final String BODY = "{\"facts\": [{\"skuId\": \"out-1\", \"onHand\": 1, \"avgDailySales\": 1, \"leadTimeDays\": 1}]}";

    @Inject
    DataSource dataSource;

    @Test
    void factWritesDuringAnOutageAreAnswered503WithRetryAfter() throws Exception {
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                taken.add(dataSource.getConnection());
            }
            given().contentType(ContentType.JSON).body(BODY).put("/api/facts/inventory")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo(503))
                    .body("detail", containsString("database is unavailable"));
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
        given().contentType(ContentType.JSON).body(BODY).put("/api/facts/inventory")
                .then().statusCode(200).body("received", equalTo(1));
    }
}
