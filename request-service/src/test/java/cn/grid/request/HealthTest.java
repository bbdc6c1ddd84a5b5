package cn.grid.request;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsStringIgnoringCase;

/**
 * Readiness is the database only: a broker outage must not take every instance out of rotation, since writes keep
 * working through the outbox. Whether events reach Kafka is the outbox relay's wellness check.
 */
@QuarkusTest
class HealthTest {

    @Test
    void readinessLeavesKafkaOutAndWellnessReportsTheOutboxRelay() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsStringIgnoringCase("database")))
                .body("checks.name", everyItem(not(containsStringIgnoringCase("kafka"))));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.name", hasItem("outbox relay"));
    }
}
