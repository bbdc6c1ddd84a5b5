package cn.grid.request.api;

import cn.grid.platform.outbox.KafkaClients;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EmbeddedKafka;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ServiceRequestResourceTest {

    static final UUID DISTRICT = UUID.randomUUID();
    static final UUID GRID_A = UUID.randomUUID();
    static final UUID GRID_B = UUID.randomUUID();

    @BeforeAll
    static void grids() {
        TestGridEvents.nodeCreated(DISTRICT, null, "/" + DISTRICT + "/", "DISTRICT", "ZY", "沾益区");
        TestGridEvents.nodeCreated(GRID_A, DISTRICT, "/" + DISTRICT + "/" + GRID_A + "/", "STREET", "A", "A 街道");
        TestGridEvents.nodeCreated(GRID_B, DISTRICT, "/" + DISTRICT + "/" + GRID_B + "/", "STREET", "B", "B 街道");
    }

    static String citizen(String name) {
        return "Bearer " + TestJwt.token(name, null, Roles.CITIZEN);
    }

    static String submit(String token, UUID grid, String title) {
        String body = """
                {"type": "PROBLEM_REPORT", "title": "%s", "description": "楼道里的水管破裂",
                 "location": {"lat": 25.6665, "lon": 103.8229, "address": "大为小区 3 栋"}, "gridNodeId": %s}"""
                .formatted(title, grid == null ? "null" : "\"" + grid + "\"");
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/requests")
                .then().statusCode(201).extract().path("id");
    }

    static void awaitGrids() {
        for (UUID grid : List.of(DISTRICT, GRID_A, GRID_B)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                    .header("Authorization", "Bearer " + TestJwt.token("svc", null, Roles.SERVICE))
                    .get("/api/v1/requests/grid-nodes/" + grid).then().statusCode(200));
        }
    }

    @Test
    void aCitizenSubmitsATicketRoutedToItsGridAndReadsItBack() {
        awaitGrids();
        String token = citizen("citizen-1");
        String id = given().header("Authorization", token).contentType(ContentType.JSON)
                .body("""
                        {"type": "PROBLEM_REPORT", "title": "大为小区 3 栋水管爆裂",
                         "location": {"lat": 25.6665, "lon": 103.8229}, "gridNodeId": "%s"}""".formatted(GRID_A))
                .when().post("/api/v1/requests")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/requests/"))
                .body("status", equalTo("SUBMITTED"))
                .body("channel", equalTo("APP"))
                .body("gridNodeId", equalTo(GRID_A.toString()))
                .body("reporterId", equalTo("citizen-1"))
                .extract().path("id");

        given().header("Authorization", token).when().get("/api/v1/requests/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("title", equalTo("大为小区 3 栋水管爆裂"))
                .body("location.lat", equalTo(25.6665f));

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(EmbeddedKafka.bootstrapServers(), "test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of("request.events"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(r.key()) && r.value().contains("cn.grid.request.submitted.v1")) {
                        EventContract.assertMatchesExample(r.value(), "request.submitted.v1");
                        return true;
                    }
                }
                return false;
            });
        }
    }

    @Test
    void withoutAGridTheTicketWaitsInTheCommunityQueue() {
        given().header("Authorization", citizen("citizen-q")).contentType(ContentType.JSON)
                .body("""
                        {"type": "SERVICE", "title": "预约接种疫苗", "location": {"address": "清河社区卫生服务站"}}""")
                .when().post("/api/v1/requests")
                .then().statusCode(201)
                .body("gridNodeId", nullValue());
    }

    @Test
    void citizensSeeOnlyTheirOwnTickets() {
        awaitGrids();
        String mine = submit(citizen("citizen-2"), GRID_A, "我的");
        given().header("Authorization", citizen("citizen-3")).when().get("/api/v1/requests/" + mine)
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", citizen("citizen-3")).when().get("/api/v1/requests")
                .then().statusCode(200).body("items", hasSize(0));
        given().header("Authorization", citizen("citizen-2")).when().get("/api/v1/requests")
                .then().statusCode(200).body("items.id", hasItem(mine));
    }

    @Test
    void staffSeeOnlyTicketsInsideTheirScope() {
        awaitGrids();
        String inA = submit(citizen("citizen-4"), GRID_A, "A 的问题");
        String inB = submit(citizen("citizen-4"), GRID_B, "B 的问题");
        String workerLogin = "worker-a-" + GRID_A;
        TestRegistry.assign(workerLogin, GRID_A, "/" + DISTRICT + "/" + GRID_A + "/", "GRID_WORKER");
        String workerOfA = "Bearer " + TestJwt.token(workerLogin, null, Roles.STAFF);

        given().header("Authorization", workerOfA).when().get("/api/v1/requests/" + inA).then().statusCode(200);
        given().header("Authorization", workerOfA).when().get("/api/v1/requests/" + inB).then().statusCode(403);
        given().header("Authorization", workerOfA).queryParam("gridNodeId", GRID_A.toString())
                .when().get("/api/v1/requests")
                .then().statusCode(200).body("items.id", hasItem(inA));
        given().header("Authorization", workerOfA).queryParam("gridNodeId", GRID_B.toString())
                .when().get("/api/v1/requests")
                .then().statusCode(403);
        String districtAdmin = "Bearer " + TestJwt.token("admin", DISTRICT.toString(), Roles.DISTRICT_ADMIN);
        given().header("Authorization", districtAdmin).queryParam("gridNodeId", DISTRICT.toString())
                .queryParam("limit", 1)
                .when().get("/api/v1/requests")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", notNullValue());
    }

    @Test
    void badInputIsA400Problem() {
        String token = citizen("citizen-5");
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("""
                        {"type": "WISH", "title": "x", "location": {"address": "a"}}""")
                .when().post("/api/v1/requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"));
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("""
                        {"type": "PROBLEM_REPORT", "title": "", "location": {"lat": 91, "lon": 200}}""")
                .when().post("/api/v1/requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("location.lat"))
                .body("errors.field", hasItem("location.lon"));
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("""
                        {"type": "PROBLEM_REPORT", "title": "无处可去"}""")
                .when().post("/api/v1/requests")
                .then().statusCode(400).body("errors[0].field", equalTo("location"));
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("""
                        {"type": "PROBLEM_REPORT", "title": "x", "gridNodeId": "%s"}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/requests")
                .then().statusCode(400).body("errors[0].field", equalTo("gridNodeId"));
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("""
                        {"type": "PROBLEM_REPORT", "title": "x", "location": {"lat": "north"}}""")
                .when().post("/api/v1/requests")
                .then().statusCode(400).body("errors[0].field", equalTo("location.lat"));
        given().header("Authorization", token).when().get("/api/v1/requests/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("type", endsWith("/not-found"));
        given().when().get("/api/v1/requests").then().statusCode(401).contentType("application/problem+json");
    }
}
