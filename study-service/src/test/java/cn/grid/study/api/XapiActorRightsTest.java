package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static cn.grid.study.api.StudyWorld.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Whom a caller may record xAPI statements for and whose statements they may void (issue 18): a party member only
 * for themselves, staff for the members of the organisations in their reach; nothing is stored, credited or
 * published for a refused statement.
 */
@QuarkusTest
class XapiActorRightsTest {

    static final StudyWorld WORLD = new StudyWorld();
    static final String ATTENDED = "http://adlnet.gov/expapi/verbs/attended";
    static final String DISTRICT = StudyWorld.district();

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
    }

    static String account(String subject) {
        return "{\"objectType\": \"Agent\", \"account\": {\"homePage\": \"" + TestJwt.ISSUER + "\", \"name\": \""
                + subject + "\"}}";
    }

    static String attended(String id, String actor, String session) {
        return """
                {"id": "%s", "actor": %s, "verb": {"id": "%s", "display": {"en-US": "attended"}},
                 "object": {"objectType": "Activity", "id": "https://grid-suite.cn/xapi/activities/sessions/%s"}}"""
                .formatted(id, actor, ATTENDED, session);
    }

    static String voiding(String actor, String target) {
        return """
                {"actor": %s, "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
                 "object": {"objectType": "StatementRef", "id": "%s"}}""".formatted(actor, target);
    }

    static ValidatableResponse post(String authorization, String body) {
        return given().header("Authorization", authorization).header("X-Experience-API-Version", "1.0.3")
                .contentType(ContentType.JSON).body(body).post("/xapi/statements").then();
    }

    static ValidatableResponse read(String id) {
        return given().header("Authorization", DISTRICT).header("X-Experience-API-Version", "1.0.3")
                .queryParam("statementId", id).get("/xapi/statements").then();
    }

    static String session() {
        return AttendanceTest.session(UUID.randomUUID());
    }

    long points(String subject) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from points_entry where subject = ?")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aMemberPostingForAnotherIs403AndNothingIsStoredOrCredited() throws SQLException {
        String session = session();
        String id = UUID.randomUUID().toString();
        post(WORLD.member(WORLD.chen, WORLD.villageA), attended(id, account(WORLD.li), session))
                .statusCode(403).body("errors[0].field", equalTo("actor"));
        read(id).statusCode(404);
        assertThat(points(WORLD.li)).isZero();

        // in a batch: the second statement's actor is named, and the first (their own) is not stored either
        String own = UUID.randomUUID().toString();
        post(WORLD.member(WORLD.chen, WORLD.villageA), "[" + attended(own, account(WORLD.chen), session) + ","
                + attended(UUID.randomUUID().toString(), account(WORLD.wang), session) + "]")
                .statusCode(403).body("errors[0].field", equalTo("[1].actor"));
        read(own).statusCode(404);

        // nor for a learner outside the registry, nor with another homePage's account of their own name
        post(WORLD.member(WORLD.chen, WORLD.villageA), attended(UUID.randomUUID().toString(),
                "{\"mbox\": \"mailto:someone@grid.example\"}", session)).statusCode(403);
        post(WORLD.member(WORLD.chen, WORLD.villageA), attended(UUID.randomUUID().toString(),
                "{\"account\": {\"homePage\": \"https://elsewhere.example\", \"name\": \"" + WORLD.chen + "\"}}",
                session)).statusCode(403);
        // PUT is checked alike
        String put = UUID.randomUUID().toString();
        given().header("Authorization", WORLD.member(WORLD.chen, WORLD.villageA))
                .header("X-Experience-API-Version", "1.0.3").contentType(ContentType.JSON)
                .queryParam("statementId", put).body(attended(put, account(WORLD.li), session))
                .put("/xapi/statements").then().statusCode(403).body("errors[0].field", equalTo("actor"));
        read(put).statusCode(404);
    }

    @Test
    void aMemberPostsForThemselvesAndIsCredited() throws SQLException {
        String session = session();
        String id = UUID.randomUUID().toString();
        post(WORLD.member(WORLD.chen, WORLD.villageA), attended(id, account(WORLD.chen), session)).statusCode(200);
        read(id).statusCode(200).body("authority.account.name", equalTo(WORLD.chen));
        assertThat(points(WORLD.chen)).isPositive();
    }

    @Test
    void staffOverTheOrganisationPostAndStaffOfAnotherAreRefused() throws SQLException {
        String session = session();
        String byOwnAdmin = UUID.randomUUID().toString();
        post(admin(WORLD.villageA), attended(byOwnAdmin, account(WORLD.li), session)).statusCode(200);
        read(byOwnAdmin).statusCode(200);
        // the town's administrator reaches the village branch below
        post(admin(WORLD.town), attended(UUID.randomUUID().toString(), account(WORLD.li), session)).statusCode(200);

        String byOtherAdmin = UUID.randomUUID().toString();
        long before = points(WORLD.wang);
        post(admin(WORLD.villageA), attended(byOtherAdmin, account(WORLD.wang), session))
                .statusCode(403).body("errors[0].field", equalTo("actor"));
        read(byOtherAdmin).statusCode(404);
        assertThat(points(WORLD.wang)).isEqualTo(before);
        // a login no person is known for: only unbounded staff
        post(admin(WORLD.villageA), attended(UUID.randomUUID().toString(), account(WORLD.stranger), session))
                .statusCode(403);
        post(DISTRICT, attended(UUID.randomUUID().toString(), account(WORLD.stranger), session)).statusCode(200);
        // an outside learner (mbox): staff may record them, study credits them nothing
        post(admin(WORLD.villageB), attended(UUID.randomUUID().toString(),
                "{\"mbox\": \"mailto:visitor@grid.example\"}", session)).statusCode(200);
    }

    @Test
    void voidingIsForTheAuthorAndStaffOverTheActor() throws SQLException {
        String session = session();
        String id = UUID.randomUUID().toString();
        post(WORLD.member(WORLD.li, WORLD.villageA), attended(id, account(WORLD.li), session)).statusCode(200);
        long credited = points(WORLD.li);

        // another member, voiding in their own name or in li's
        post(WORLD.member(WORLD.chen, WORLD.villageA), voiding(account(WORLD.chen), id))
                .statusCode(403).body("errors[0].field", equalTo("object.id"));
        post(WORLD.member(WORLD.chen, WORLD.villageA), voiding(account(WORLD.li), id))
                .statusCode(403).body("errors[0].field", equalTo("actor"));
        // staff of another organisation
        post(admin(WORLD.villageB), voiding("{\"mbox\": \"mailto:admin-b@grid.example\"}", id))
                .statusCode(403).body("errors[0].field", equalTo("object.id"));
        read(id).statusCode(200);
        assertThat(points(WORLD.li)).isEqualTo(credited);

        // staff over li's branch may
        post(admin(WORLD.villageA), voiding("{\"mbox\": \"mailto:admin-a@grid.example\"}", id)).statusCode(200);
        read(id).statusCode(404);

        // the author may; a stranger's voiding sent before the statement arrives does not void it
        String mine = UUID.randomUUID().toString();
        post(WORLD.member(WORLD.wang, WORLD.villageB), voiding(account(WORLD.wang), mine)).statusCode(200);
        post(WORLD.member(WORLD.chen, WORLD.villageA), attended(mine, account(WORLD.chen), session)).statusCode(200);
        read(mine).statusCode(200);
        post(WORLD.member(WORLD.chen, WORLD.villageA), voiding(account(WORLD.chen), mine)).statusCode(200);
        read(mine).statusCode(404);
        given().header("Authorization", DISTRICT).header("X-Experience-API-Version", "1.0.3")
                .queryParam("voidedStatementId", mine).get("/xapi/statements").then().statusCode(200);
    }

    @Test
    void aMemberReadsOnlyWhatTheyStored() {
        String session = session();
        String id = UUID.randomUUID().toString();
        post(WORLD.member(WORLD.zhao, WORLD.villageA), attended(id, account(WORLD.zhao), session)).statusCode(200);
        given().header("Authorization", WORLD.member(WORLD.chen, WORLD.villageA))
                .header("X-Experience-API-Version", "1.0.3").queryParam("agent", account(WORLD.zhao))
                .get("/xapi/statements").then().statusCode(200).body("statements", hasSize(0));
    }

    static String token(String subject, String scope, String role) {
        return "Bearer " + TestJwt.token(subject, scope, role);
    }

    @Test
    void aGridWorkerOverTheOrganisationsGridRecordsForItsMembers() {
        String session = session();
        // the registry makes the login a grid worker of village B (a token's grid-worker role is not believed)
        TestRegistry.assign("gw-" + WORLD.suffix, WORLD.villageB, "/" + WORLD.town + "/" + WORLD.villageB + "/",
                "GRID_WORKER");
        post(token("gw-" + WORLD.suffix, WORLD.villageB.toString(), Roles.GRID_WORKER),
                attended(UUID.randomUUID().toString(), account(WORLD.wang), session)).statusCode(200);
        post(token("gw-" + WORLD.suffix, WORLD.villageB.toString(), Roles.GRID_WORKER),
                attended(UUID.randomUUID().toString(), account(WORLD.chen), session)).statusCode(403);
    }
}
