package cn.grid.grid.api;

import cn.grid.testsupport.SqlCount;
import cn.grid.grid.app.RegisterPerson;
import cn.grid.grid.domain.IdentityNumber;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static cn.grid.grid.api.GridNodeResourceTest.district;
import static cn.grid.grid.api.GridTreeOperationsTest.child;
import static cn.grid.grid.api.PartyOrgAndTeamTest.org;
import static cn.grid.grid.api.PeopleTest.person;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * A client's retry of a create with the same Idempotency-Key (the gateway resends a keyed POST after a transport
 * failure) gets the first outcome back, never a second resource or a second event; the same key with another body
 * is a 422; without a key every call is a call of its own, as before.
 */
@QuarkusTest
class IdempotentCreatesTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);

    @Inject
    AgroalDataSource dataSource;

    static Response post(String path, String key, String body) {
        RequestSpecification request = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post(path);
    }

    /**
     * Sends {@code body} twice with one new key: both answers 201 with the same id, only the second marked as a
     * replay. Then the key with {@code otherBody}: 422. Returns the id.
     */
    static String createdOnceFor(String path, String body, String otherBody) {
        return createdOnceFor(path, UUID.randomUUID().toString(), body, otherBody);
    }

    static String createdOnceFor(String path, String key, String body, String otherBody) {
        String id = post(path, key, body).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue())
                .extract().path("id");
        post(path, key, body).then().statusCode(201)
                .header("Idempotency-Replayed", "true")
                .body("id", equalTo(id));
        post(path, key, otherBody).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"));
        return id;
    }

    /** A valid 18-character resident identity number (GB 11643 check character), new each time. */
    static String newIdNumber() {
        StringBuilder digits = new StringBuilder("110105");
        digits.append(1950 + ThreadLocalRandom.current().nextInt(50)).append("0101");
        digits.append("%03d".formatted(ThreadLocalRandom.current().nextInt(1000)));
        return digits.append(IdentityNumber.checkCharacter(digits.toString())).toString();
    }

    @Test
    void aRetriedRegistrationRegistersThePersonOnce() throws SQLException {
        String grid = child(child(district(), "STREET", "S", "龙华街道"), "COMMUNITY", "C", "清河社区");
        String body = """
                {"name": "王秀兰", "phone": "13812345678", "address": "大为小区 3 栋", "homeNodeId": "%s"}"""
                .formatted(grid);
        String key = UUID.randomUUID().toString();
        String id = post("/api/v1/people", key, body).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        post("/api/v1/people", key, body).then().statusCode(201)
                .header("Idempotency-Replayed", "true")
                .header("Location", endsWith("/api/v1/people/" + id))
                .body("id", equalTo(id)).body("name", equalTo("王秀兰"));
        assertThat(peopleLivingAt(grid)).isEqualTo(1);

        post("/api/v1/people", key, body.replace("王秀兰", "王秀英")).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/idempotency-key-reused"));
        post("/api/v1/people", "has space", body).then().statusCode(400).contentType("application/problem+json");
        assertThat(peopleLivingAt(grid)).isEqualTo(1);

        // without a key each call registers: nothing tells the two apart
        String a = post("/api/v1/people", null, body).then().statusCode(201).extract().path("id");
        String b = post("/api/v1/people", null, body).then().statusCode(201).extract().path("id");
        assertThat(a).isNotEqualTo(b);
        assertThat(peopleLivingAt(grid)).isEqualTo(3);
    }

    @Test
    void aRetriedRegistrationWithAnIdentityNumberIsAReplayNotAConflict() throws Exception {
        String street = child(district(), "STREET", "S", "盘江镇");
        String idNumber = newIdNumber();
        String body = """
                {"name": "陈党员", "idNumber": "%s", "homeNodeId": "%s"}""".formatted(idNumber, street);
        String key = UUID.randomUUID().toString();
        String id = createdOnceFor("/api/v1/people", key, body, body.replace(idNumber, newIdNumber()));
        given().header("Authorization", ADMIN).get("/api/v1/people/" + id).then().statusCode(200)
                .body("idNumber", endsWith(idNumber.substring(14)));
        assertThat(peopleLivingAt(street)).isEqualTo(1);
        // without a key the identity number turns the retry into a conflict
        post("/api/v1/people", null, body).then().statusCode(409);

        // the key's fingerprint (a plain SHA-256) is not taken over the identity number itself, which the few
        // digits the person's record does not show could be searched back from
        String withNumber = new RegisterPerson("陈党员", null, null, idNumber, UUID.fromString(street), null)
                .toString();
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(withNumber.getBytes(StandardCharsets.UTF_8)));
        assertThat(count("select count(*) from idempotency_key where key = ?", key)).isEqualTo(1);
        assertThat(count("select count(*) from idempotency_key where fingerprint = ?", fingerprint)).isZero();
    }

    @Test
    void parallelRetriesOfARegistrationMakeExactlyOnePerson() throws Exception {
        String street = child(district(), "STREET", "S", "三堤口街道");
        String body = """
                {"name": "李秀英", "homeNodeId": "%s"}""".formatted(street);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> post("/api/v1/people", key, body).then().statusCode(201).extract().path("id"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> call : pool.invokeAll(calls)) {
                ids.add(call.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(peopleLivingAt(street)).isEqualTo(1);
    }

    @Test
    void aRetriedTeamFormationFormsOneTeamAndPublishesOnce() throws SQLException {
        String community = child(child(district(), "STREET", "S", "三堤口街道"), "COMMUNITY", "QX", "庆相桥社区");
        String elsewhere = child(district(), "STREET", "E", "别处");
        String body = "{\"kind\": \"VOLUNTEER_SERVICE\", \"name\": \"庆相桥社区志愿服务队\"}";
        String path = "/api/v1/grids/" + community + "/teams";
        String team = createdOnceFor(path, body, body.replace("志愿服务队", "宣讲队"));
        given().header("Authorization", ADMIN).get(path).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(team));
        assertThat(events("cn.grid.grid.team.changed.v1", team)).isEqualTo(1);

        // the node is part of the request: the same key and body at another node is another request
        String key = UUID.randomUUID().toString();
        post(path, key, body).then().statusCode(201);
        post("/api/v1/grids/" + elsewhere + "/teams", key, body).then().statusCode(422);

        // without a key each call forms a team
        post(path, null, body).then().statusCode(201);
        post(path, null, body).then().statusCode(201);
        given().header("Authorization", ADMIN).get(path).then().statusCode(200).body("items", hasSize(4));
    }

    @Test
    void aRetriedJoinAddsOneTeamMember() throws SQLException {
        String community = child(child(district(), "STREET", "S", "三堤口街道"), "COMMUNITY", "QX", "庆相桥社区");
        String team = post("/api/v1/grids/" + community + "/teams", null,
                "{\"kind\": \"LECTURE\", \"name\": \"宣讲队\"}").then().statusCode(201).extract().path("id");
        String member = person(community, "队员", null);
        String path = "/api/v1/grids/" + community + "/teams/" + team + "/members";
        String body = "{\"personId\": \"%s\", \"startDate\": \"2026-01-01\"}".formatted(member);
        String membership = createdOnceFor(path, body, body.replace("}", ", \"leader\": true}"));
        given().header("Authorization", ADMIN).get(path).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(membership));
        // formed, then joined: two snapshots, not three
        assertThat(events("cn.grid.grid.team.changed.v1", team)).isEqualTo(2);
        post(path, null, body).then().statusCode(409);
    }

    @Test
    void aRetriedFoundingFoundsOneOrganisationAndPublishesOnce() throws SQLException {
        String street = child(district(), "STREET", "NS", "南沙街道");
        String grid = child(child(street, "COMMUNITY", "JZ", "金洲社区"), "GRID", "G1", "金洲第一网格");
        String committee = org(ADMIN, "南沙街道党工委", "WORKING_COMMITTEE", null, null, street, 201);
        String body = """
                {"name": "金洲第一网格党支部", "kind": "BRANCH", "branchType": "GRID", "parentId": "%s",
                 "gridNodeId": "%s"}""".formatted(committee, grid);
        String branch = createdOnceFor("/api/v1/party-orgs", body, body.replace("\"GRID\"", "\"FUNCTIONAL\""));
        given().header("Authorization", ADMIN).get("/api/v1/party-orgs/" + committee + "/children")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(branch));
        assertThat(events("cn.grid.grid.party-org.created.v1", branch)).isEqualTo(1);

        // without a key each call founds one
        post("/api/v1/party-orgs", null, body).then().statusCode(201);
        post("/api/v1/party-orgs", null, body).then().statusCode(201);
        given().header("Authorization", ADMIN).get("/api/v1/party-orgs/" + committee + "/children")
                .then().statusCode(200).body("items", hasSize(3));
    }

    @Test
    void aRetriedJoinMakesOneMembershipAndPublishesOnce() throws SQLException {
        String street = child(district(), "STREET", "NS", "南沙街道");
        String committee = org(ADMIN, "南沙街道党工委", "WORKING_COMMITTEE", null, null, street, 201);
        String secretary = person(street, "书记", null);
        String path = "/api/v1/party-orgs/" + committee + "/members";
        String body = "{\"personId\": \"%s\", \"role\": \"SECRETARY\", \"startDate\": \"2022-01-01\"}"
                .formatted(secretary);
        String membership = createdOnceFor(path, body, body.replace("SECRETARY", "DEPUTY_SECRETARY"));
        given().header("Authorization", ADMIN).queryParam("on", "2022-06-01").get(path).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(membership));
        assertThat(events("cn.grid.grid.party-org.membership-changed.v1", membership)).isEqualTo(1);
        post(path, null, body).then().statusCode(409);
    }

    @Test
    void aRetriedAssignmentStartsOnceAndPublishesOnce() throws SQLException {
        String grid = child(child(child(district(), "STREET", "S", "盘江镇"), "COMMUNITY", "V", "河西村"), "GRID",
                "G", "河西一组网格");
        String worker = person(grid, "网格员", null);
        String path = "/api/v1/grids/" + grid + "/assignments";
        String body = "{\"personId\": \"%s\", \"role\": \"GRID_WORKER\", \"startDate\": \"2026-01-01\"}"
                .formatted(worker);
        String assignment = createdOnceFor(path, body, body.replace("GRID_WORKER", "VOLUNTEER"));
        given().header("Authorization", ADMIN).get("/api/v1/people/" + worker + "/assignments")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(assignment));
        assertThat(events("cn.grid.grid.assignment.started.v1", assignment)).isEqualTo(1);
        post(path, null, body).then().statusCode(409);
    }

    @Test
    void aRetriedNodeCreationAddsOneNodeAndPublishesOnce() throws SQLException {
        String district = district();
        String body = """
                {"name": "龙华街道", "level": "STREET", "code": "LH", "parentId": "%s"}""".formatted(district);
        String street = createdOnceFor("/api/v1/grids", body, body.replace("龙华街道", "龙华镇"));
        given().header("Authorization", ADMIN).get("/api/v1/grids/" + district + "/children")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(street));
        assertThat(events("cn.grid.grid.node.created.v1", street)).isEqualTo(1);
        // without a key the code, unique among siblings, turns the retry into a conflict
        post("/api/v1/grids", null, body).then().statusCode(409);
    }

    private long peopleLivingAt(String node) throws SQLException {
        return count("select count(*) from person where home_node_id = ?::uuid", node);
    }

    /** Outbox rows of this type that mention the id. */
    private long events(String type, String id) throws SQLException {
        return count("select count(*) from outbox_event where event_type = ? and payload like '%' || ? || '%'",
                type, id);
    }

    private long count(String sql, String... parameters) throws SQLException {
        return SqlCount.of(dataSource, sql, (Object[]) parameters);
    }
}
