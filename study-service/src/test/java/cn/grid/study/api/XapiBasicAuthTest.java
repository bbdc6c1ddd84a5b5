package cn.grid.study.api;

import cn.grid.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.UUID;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static cn.grid.study.api.XapiActorRightsTest.account;
import static cn.grid.study.api.XapiActorRightsTest.attended;
import static cn.grid.study.api.XapiActorRightsTest.voiding;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** LRS client credentials: issued by an administrator over the organisation, used with HTTP Basic, revocable. */
@QuarkusTest
class XapiBasicAuthTest {

    static final StudyWorld WORLD = new StudyWorld();
    static final String CHALLENGE = "Basic realm=\"xAPI\"";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
    }

    record Credentials(String id, String key, String secret) {
        String basic() {
            return basic(key, secret);
        }

        static String basic(String key, String secret) {
            return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    static Credentials issue(String adminToken, UUID org, String name) {
        JsonPath issued = as(adminToken).body("{\"name\": \"" + name + "\", \"orgId\": \"" + org + "\"}")
                .post("/api/v1/study/xapi-clients").then().statusCode(201).header("Cache-Control", "no-store")
                .extract().jsonPath();
        return new Credentials(issued.getString("id"), issued.getString("key"), issued.getString("secret"));
    }

    static ValidatableResponse post(String authorization, String body) {
        return XapiActorRightsTest.post(authorization, body);
    }

    @Test
    void goodCredentialsStoreWithTheClientAsAuthorityWrongAndRevokedOnesAre401() throws SQLException {
        Credentials client = issue(admin(WORLD.villageA), WORLD.orgA, "player A " + WORLD.suffix);
        assertThat(client.secret()).hasSize(43);
        assertThat(hashOf(client.id())).hasSize(64).isNotEqualTo(client.secret());

        String session = XapiActorRightsTest.session();
        String id = UUID.randomUUID().toString();
        post(client.basic(), attended(id, account(WORLD.chen), session)).statusCode(200);
        given().header("Authorization", client.basic()).header("X-Experience-API-Version", "1.0.3")
                .queryParam("statementId", id).get("/xapi/statements").then().statusCode(200)
                .body("authority.objectType", equalTo("Agent"))
                .body("authority.name", equalTo("player A " + WORLD.suffix))
                .body("authority.account.homePage", equalTo(TestJwt.ISSUER))
                .body("authority.account.name", equalTo("xapi-client:" + client.key()));
        // the client voids what it stored
        post(client.basic(), voiding("{\"mbox\": \"mailto:lms@grid.example\"}", id)).statusCode(200);

        post(Credentials.basic(client.key(), client.secret() + "x"), attended(UUID.randomUUID().toString(),
                account(WORLD.chen), session)).statusCode(401).header("WWW-Authenticate", CHALLENGE);
        post(Credentials.basic(UUID.randomUUID().toString(), client.secret()), attended(UUID.randomUUID().toString(),
                account(WORLD.chen), session)).statusCode(401).header("WWW-Authenticate", CHALLENGE);
        post("Basic not*base64", attended(UUID.randomUUID().toString(), account(WORLD.chen), session))
                .statusCode(401).header("WWW-Authenticate", CHALLENGE);

        as(admin(WORLD.villageA)).delete("/api/v1/study/xapi-clients/" + client.id()).then().statusCode(204);
        given().header("Authorization", client.basic()).header("X-Experience-API-Version", "1.0.3")
                .queryParam("limit", 1).get("/xapi/statements").then().statusCode(401)
                .header("WWW-Authenticate", CHALLENGE);
        as(admin(WORLD.villageA)).get("/api/v1/study/xapi-clients").then().statusCode(200)
                .body("find { it.id == '" + client.id() + "' }.live", equalTo(false))
                .body("find { it.id == '" + client.id() + "' }.secret", nullValue())
                .body("find { it.id == '" + client.id() + "' }.secretHash", nullValue());
    }

    @Test
    void aClientRecordsForItsOrganisationsSubtreeOnly() {
        String session = XapiActorRightsTest.session();
        Credentials branchA = issue(admin(WORLD.villageA), WORLD.orgA, "branch A " + WORLD.suffix);
        String forB = UUID.randomUUID().toString();
        post(branchA.basic(), attended(forB, account(WORLD.wang), session))
                .statusCode(403).body("errors[0].field", equalTo("actor"));
        XapiActorRightsTest.read(forB).statusCode(404);
        // a login no person is known for is out of reach too; a learner outside the registry is not
        post(branchA.basic(), attended(UUID.randomUUID().toString(), account(WORLD.stranger), session)).statusCode(403);
        post(branchA.basic(), attended(UUID.randomUUID().toString(), "{\"mbox\": \"mailto:guest@grid.example\"}",
                session)).statusCode(200);

        // the town committee's client reaches both branches below it
        Credentials town = issue(StudyWorld.district(), WORLD.orgTown, "town " + WORLD.suffix);
        post(town.basic(), attended(UUID.randomUUID().toString(), account(WORLD.wang), session)).statusCode(200);
        post(town.basic(), attended(UUID.randomUUID().toString(), account(WORLD.chen), session)).statusCode(200);

        // a client reads what it stored, not the statements of others
        String byMember = UUID.randomUUID().toString();
        post(WORLD.member(WORLD.li, WORLD.villageA), attended(byMember, account(WORLD.li), session)).statusCode(200);
        given().header("Authorization", town.basic()).header("X-Experience-API-Version", "1.0.3")
                .queryParam("statementId", byMember).get("/xapi/statements").then().statusCode(404);
        // nor voids them, though the member is within its reach: a client is no staff, it voids what it stored
        post(branchA.basic(), voiding("{\"mbox\": \"mailto:lms@grid.example\"}", byMember))
                .statusCode(403).body("errors[0].field", equalTo("object.id"));
    }

    @Test
    void onlyAnAdministratorOverTheOrganisationIssuesAndRevokes() {
        as(admin(WORLD.villageB)).body("{\"name\": \"x\", \"orgId\": \"" + WORLD.orgA + "\"}")
                .post("/api/v1/study/xapi-clients").then().statusCode(403);
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body("{\"name\": \"x\", \"orgId\": \"" + WORLD.orgA + "\"}")
                .post("/api/v1/study/xapi-clients").then().statusCode(403);
        as(admin(WORLD.villageA)).body("{\"name\": \"x\", \"orgId\": \"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/study/xapi-clients").then().statusCode(400).body("errors[0].field", equalTo("orgId"));
        as(admin(WORLD.villageA)).body("{\"name\": \" \", \"orgId\": \"" + WORLD.orgA + "\"}")
                .post("/api/v1/study/xapi-clients").then().statusCode(400).body("errors[0].field", equalTo("name"));
        as(admin(WORLD.villageA)).body("{\"name\": \"x\"}")
                .post("/api/v1/study/xapi-clients").then().statusCode(400).body("errors[0].field", equalTo("orgId"));

        Credentials a = issue(admin(WORLD.villageA), WORLD.orgA, "listed " + WORLD.suffix);
        as(admin(WORLD.villageB)).get("/api/v1/study/xapi-clients").then().statusCode(200)
                .body("id", not(hasItem(a.id())));
        as(admin(WORLD.villageB)).delete("/api/v1/study/xapi-clients/" + a.id()).then().statusCode(403);
        as(StudyWorld.district()).get("/api/v1/study/xapi-clients").then().statusCode(200)
                .body("id", hasItem(a.id()));
        as(admin(WORLD.villageA)).delete("/api/v1/study/xapi-clients/" + UUID.randomUUID()).then().statusCode(404);
    }

    private String hashOf(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select secret_hash from xapi_client where id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
