package cn.grid.grid;

import cn.grid.platform.outbox.KafkaClients;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestJwt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A node created over HTTP reaches the real broker as a CloudEvent, through the outbox. */
@QuarkusTest
class GridEventsTest {

    @Test
    void nodeCreatedIsPublishedOnGridEvents() throws Exception {
        String code = "EV" + UUID.randomUUID().toString().substring(0, 6);
        String id = given().header("Authorization", "Bearer " + TestJwt.token("admin", null, Roles.DISTRICT_ADMIN))
                .contentType(ContentType.JSON)
                .body("""
                        {"name": "兴隆台区", "level": "DISTRICT", "code": "%s"}""".formatted(code))
                .when().post("/api/v1/grids")
                .then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> record = awaitRecord("grid.events", id);

        assertThat(record.key()).isEqualTo(id);
        EventContract.assertMatchesExample(record.value(), "grid.node.created.v1");
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("cn.grid.grid.node.created.v1");
        assertThat(event.get("source").asText()).isEqualTo("/grid-service");
        assertThat(event.get("subject").asText()).isEqualTo(id);
        assertThat(UUID.fromString(event.get("id").asText())).isNotNull();
        assertThat(event.get("data").get("name").asText()).isEqualTo("兴隆台区");
        assertThat(event.get("data").get("path").asText()).isEqualTo("/" + id + "/");
        assertThat(event.get("data").get("level").asText()).isEqualTo("DISTRICT");
    }

    static ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "grid-events-test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                    seen.add(r);
                }
            }
            throw new AssertionError("no event with key " + key + " on " + topic + " (saw " + seen.size() + ")");
        }
    }
}
