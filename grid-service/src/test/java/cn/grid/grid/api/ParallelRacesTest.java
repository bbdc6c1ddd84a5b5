package cn.grid.grid.api;

import cn.grid.grid.domain.IdentityNumber;
import cn.grid.platform.security.Roles;
import cn.grid.testsupport.Races;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static cn.grid.grid.api.GridNodeResourceTest.district;
import static cn.grid.grid.api.GridTreeOperationsTest.child;
import static cn.grid.grid.api.GridTreeOperationsTest.etag;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's races: the same request sent many times at once has exactly one winner, and every loser gets the 4xx
 * problem its rule names — never a 500 (the lost optimistic lock or unique violation surfaced at commit, wrapped),
 * and never a second winner (two identical assignments both passing the overlap check).
 */
@QuarkusTest
class ParallelRacesTest {

    private static final String ADMIN = "Bearer " + TestJwt.token("admin-1", null, Roles.DISTRICT_ADMIN);
    private static final int PARALLEL = 24;

    @Test
    void parallelEditsWithTheSameIfMatchHaveOneWinnerAndTheRestGet412() throws Exception {
        String street = child(district(), "STREET", "RV", "竞态街道");
        String version = etag(street);
        List<ExtractableResponse<Response>> answers = Races.race(PARALLEL, i -> given().header("Authorization", ADMIN)
                .header("If-Match", version).contentType(ContentType.JSON).body("{\"name\": \"竞态街道 " + i + "\"}")
                .patch("/api/v1/grids/" + street).then().extract());
        Races.assertOneWinner(answers, 200, 412);
    }

    @Test
    void parallelRegistrationsWithTheSameLoginHaveOneWinnerAndTheRestGet409() throws Exception {
        String grid = grid();
        String subject = "race-login-" + System.nanoTime();
        List<ExtractableResponse<Response>> answers = Races.race(PARALLEL,
                i -> register(grid, "\"subject\": \"" + subject + "\""));
        Races.assertOneWinner(answers, 201, 409);
    }

    @Test
    void parallelRegistrationsWithTheSameIdentityNumberHaveOneWinnerAndTheRestGet409() throws Exception {
        String grid = grid();
        String idNumber = identityNumber();
        List<ExtractableResponse<Response>> answers = Races.race(PARALLEL,
                i -> register(grid, "\"idNumber\": \"" + idNumber + "\""));
        Races.assertOneWinner(answers, 201, 409);
    }

    @Test
    void identicalAssignmentsSentAtOnceHaveOneWinner() throws Exception {
        String grid = grid();
        String person = PeopleTest.person(grid, "竞态网格员", null);
        List<ExtractableResponse<Response>> answers = Races.race(PARALLEL, i -> given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON).body("""
                        {"personId": "%s", "role": "GRID_WORKER"}""".formatted(person))
                .post("/api/v1/grids/" + grid + "/assignments").then().extract());
        Races.assertOneWinner(answers, 201, 409);
        List<String> held = given().header("Authorization", ADMIN).get("/api/v1/people/" + person + "/assignments")
                .then().statusCode(200).extract().path("items.role");
        assertThat(held).containsExactly("GRID_WORKER");
    }

    @Test
    void theSamePersonJoiningOnePartyOrganisationAtOnceHasOneWinner() throws Exception {
        String grid = grid();
        String person = PeopleTest.person(grid, "竞态党员", null);
        String org = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"name": "竞态党工委", "kind": "WORKING_COMMITTEE", "gridNodeId": "%s"}""".formatted(grid))
                .post("/api/v1/party-orgs").then().statusCode(201).extract().path("id");
        List<ExtractableResponse<Response>> answers = Races.race(PARALLEL, i -> given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON).body("{\"personId\": \"" + person + "\"}")
                .post("/api/v1/party-orgs/" + org + "/members").then().extract());
        Races.assertOneWinner(answers, 201, 409);
        List<String> members = given().header("Authorization", ADMIN).get("/api/v1/party-orgs/" + org + "/members")
                .then().statusCode(200).extract().path("items.personId");
        assertThat(members).containsExactly(person);
    }

    @Test
    void theSamePersonJoiningOneTeamAtOnceHasOneWinner() throws Exception {
        String grid = grid();
        String person = PeopleTest.person(grid, "竞态志愿者", null);
        String team = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\": \"VOLUNTEER_SERVICE\", \"name\": \"竞态志愿服务队\"}")
                .post("/api/v1/grids/" + grid + "/teams").then().statusCode(201).extract().path("id");
        List<ExtractableResponse<Response>> answers = Races.race(PARALLEL, i -> given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON).body("{\"personId\": \"" + person + "\"}")
                .post("/api/v1/grids/" + grid + "/teams/" + team + "/members").then().extract());
        Races.assertOneWinner(answers, 201, 409);
        List<String> members = given().header("Authorization", ADMIN)
                .get("/api/v1/grids/" + grid + "/teams/" + team + "/members")
                .then().statusCode(200).extract().path("items.personId");
        assertThat(members).containsExactly(person);
    }

    private static String grid() {
        return child(child(child(district(), "STREET", "S", "竞态街道"), "COMMUNITY", "C", "竞态社区"), "GRID", "G",
                "竞态网格");
    }

    private static ExtractableResponse<Response> register(String home, String key) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"竞态居民\", \"homeNodeId\": \"" + home + "\", " + key + "}")
                .post("/api/v1/people").then().extract();
    }

    /** A fresh identity number with a valid GB 11643 check digit. */
    static String identityNumber() {
        Random random = new Random();
        String body = "530302" + (1950 + random.nextInt(50)) + String.format("%02d%02d", 1 + random.nextInt(12),
                1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
        return body + IdentityNumber.checkCharacter(body);
    }
}
