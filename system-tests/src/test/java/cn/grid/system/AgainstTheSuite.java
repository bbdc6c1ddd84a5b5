package cn.grid.system;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

/** The packaged suite, started once per test class, and dev tokens from its gateway. */
abstract class AgainstTheSuite {

    static RunningSuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = RunningSuite.start();
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    static String devToken(String subject, List<String> roles, String gridScope) {
        return given().baseUri(suite.gateway()).contentType(ContentType.JSON)
                .body("""
                        {"subject": "%s", "roles": [%s], "gridScope": %s}""".formatted(subject,
                        String.join(",", roles.stream().map(r -> "\"" + r + "\"").toList()),
                        gridScope == null ? "null" : "\"" + gridScope + "\""))
                .when().post("/auth/dev-token")
                .then().statusCode(200).body("token", notNullValue())
                .extract().path("token");
    }

    /** Creates a grid node through the gateway as {@code authorization} (a "Bearer ..." header); answers its id. */
    static String node(String authorization, String name, String level, String parent) {
        return GridNodes.create(suite.gateway(), authorization, name, level, parent);
    }

    /**
     * Makes {@code subject} a person of the registry living at {@code node} (the token's roles are not believed: the
     * registry decides who is a grid worker, a member, an administrator). Returns the person's id.
     */
    static String registryPerson(String adminToken, String subject, String node) {
        return given().baseUri(suite.gateway()).header("Authorization", adminToken).contentType(ContentType.JSON)
                .body("{\"name\": \"测试 %s\", \"homeNodeId\": \"%s\", \"subject\": \"%s\"}".formatted(
                        subject.length() > 20 ? subject.substring(0, 20) : subject, node, subject))
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
    }

    /** A person with this login holding {@code role} (an assignment role, e.g. GRID_WORKER) at {@code node}. */
    static String registryAssignment(String adminToken, String subject, String node, String role) {
        String person = registryPerson(adminToken, subject, node);
        given().baseUri(suite.gateway()).header("Authorization", adminToken).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"%s\"}".formatted(person, role))
                .post("/api/v1/grids/" + node + "/assignments").then().statusCode(201);
        return person;
    }

    /** A person with this login, secretary of a new party committee at {@code node} (an organisation administrator). */
    static String registryOrgAdmin(String adminToken, String subject, String node) {
        String org = given().baseUri(suite.gateway()).header("Authorization", adminToken).contentType(ContentType.JSON)
                .body("{\"kind\": \"PARTY_COMMITTEE\", \"name\": \"%s 党委\", \"gridNodeId\": \"%s\"}"
                        .formatted(subject, node))
                .post("/api/v1/party-orgs").then().statusCode(201).extract().path("id");
        return registrySecretary(adminToken, subject, node, org);
    }

    /** A person with this login living at {@code node}, secretary of the existing organisation {@code org}. */
    static String registrySecretary(String adminToken, String subject, String node, String org) {
        String person = registryPerson(adminToken, subject, node);
        given().baseUri(suite.gateway()).header("Authorization", adminToken).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"SECRETARY\"}".formatted(person))
                .post("/api/v1/party-orgs/" + org + "/members").then().statusCode(201);
        return person;
    }
}
