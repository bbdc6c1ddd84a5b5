package cn.grid.grid.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.restassured.http.ContentType;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Logins made people of the registry through grid-service's own API, for tests that act as a grid worker or an
 * organisation administrator: a token's {@code grid-worker}/{@code org-admin} roles are not believed, the person's
 * assignments and organisation roles are. Each call makes a new person with a login of its own.
 */
final class RegistryLogins {

    private static final String DISTRICT_ADMIN = "Bearer " + TestJwt.token("registry-logins-admin", null,
            Roles.DISTRICT_ADMIN);

    private RegistryLogins() {
    }

    /** A new person living at {@code node}, linked to a new login; returns the login (the token's sub). */
    static String person(String node, String name) {
        String subject = "login-" + UUID.randomUUID();
        personWithLogin(node, name, subject);
        return subject;
    }

    /** Registers a person with this login at {@code node}; returns the person's id. */
    static String personWithLogin(String node, String name, String subject) {
        return given().header("Authorization", DISTRICT_ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"homeNodeId\": \"%s\", \"subject\": \"%s\"}".formatted(name, node, subject))
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
    }

    /** A bearer token for a new grid worker (GRID_WORKER assignment) at {@code node}; the token says only "staff". */
    static String gridWorker(String node) {
        return holding(node, "GRID_WORKER");
    }

    /** A bearer token for a new person holding {@code role} (an assignment role) at {@code node}. */
    static String holding(String node, String role) {
        String subject = "login-" + UUID.randomUUID();
        String person = personWithLogin(node, "网格员", subject);
        given().header("Authorization", DISTRICT_ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"%s\"}".formatted(person, role))
                .post("/api/v1/grids/" + node + "/assignments").then().statusCode(201);
        return "Bearer " + TestJwt.token(subject, null, Roles.STAFF);
    }

    /**
     * A bearer token for the secretary of a new party committee at {@code node}: an organisation administrator over
     * the node's subtree.
     */
    static String orgAdmin(String node) {
        String subject = "login-" + UUID.randomUUID();
        String person = personWithLogin(node, "书记", subject);
        String org = given().header("Authorization", DISTRICT_ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\": \"PARTY_COMMITTEE\", \"name\": \"党委 %s\", \"gridNodeId\": \"%s\"}"
                        .formatted(subject.substring(6, 14), node))
                .post("/api/v1/party-orgs").then().statusCode(201).extract().path("id");
        given().header("Authorization", DISTRICT_ADMIN).contentType(ContentType.JSON)
                .body("{\"personId\": \"%s\", \"role\": \"SECRETARY\"}".formatted(person))
                .post("/api/v1/party-orgs/" + org + "/members").then().statusCode(201);
        return "Bearer " + TestJwt.token(subject, null, Roles.STAFF);
    }
}
