package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Statements with verbs study knows become study records and points; voiding takes the points back. */
@QuarkusTest
class XapiStudyRecordsTest {

    static final String ADMIN = "Bearer " + TestJwt.token("xr-admin", null, Roles.DISTRICT_ADMIN);
    static final String MEMBER = "Bearer " + TestJwt.token("xr-app", null, Roles.PARTY_MEMBER);

    private static boolean registered;

    /** The tokens claim no role the suite believes: the registry makes these logins what the tests need. */
    @BeforeEach
    void registerTheLogins() {
        if (!registered) {
            registered = true;
            UUID node = UUID.randomUUID();
            TestRegistry.assign("xr-app", node, "/" + node + "/", "PARTY_MEMBER");
            TestRegistry.assign("xr-someone-else", node, "/" + node + "/", "PARTY_MEMBER");
            TestRegistry.orgAdmin("xr-org-admin", node, "/" + node + "/");
        }
    }

    static String statement(String subject, String verb, String activity) {
        String id = UUID.randomUUID().toString();
        given().header("Authorization", MEMBER).header("X-Experience-API-Version", "1.0.2")
                .contentType(ContentType.JSON).body("""
                        {"id": "%s", "actor": {"objectType": "Agent", "account": {"homePage": "https://gateway.grid.local", "name": "%s"}},
                         "verb": {"id": "%s", "display": {"zh-CN": "学习"}},
                         "object": {"objectType": "Activity", "id": "%s"}}""".formatted(id, subject, verb, activity))
                .post("/xapi/statements").then().statusCode(200);
        return id;
    }

    static void voidIt(String subject, String target) {
        given().header("Authorization", MEMBER).header("X-Experience-API-Version", "1.0.3")
                .contentType(ContentType.JSON).body("""
                        {"actor": {"account": {"homePage": "https://gateway.grid.local", "name": "%s"}},
                         "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
                         "object": {"objectType": "StatementRef", "id": "%s"}}""".formatted(subject, target))
                .post("/xapi/statements").then().statusCode(200);
    }

    @Test
    void attendedASessionMarksThePresenceAndCreditsOnceAndVoidingTakesThePointsBack() {
        String session = AttendanceTest.session(UUID.randomUUID());
        String subject = "xr-" + UUID.randomUUID().toString().substring(0, 8);
        String activity = "https://grid-suite.cn/xapi/activities/sessions/" + session;
        String first = statement(subject, "http://adlnet.gov/expapi/verbs/attended", activity);
        statement(subject, "http://adlnet.gov/expapi/verbs/attended", activity);
        given().header("Authorization", ADMIN).get("/api/v1/study/sessions/" + session + "/attendance").then()
                .statusCode(200).body("find { it.subject == '" + subject + "' }.status", equalTo("PRESENT"));
        voidIt(subject, first);

        List<String> awarded = PracticeAndPointsTest.studyEvents(subject, 2);
        assertThat(awarded.get(0)).contains("\"activity\":\"ATTENDANCE\"", "\"points\":1");
        assertThat(awarded.get(1)).contains("\"points\":-1", "\"balance\":0");
    }

    @Test
    void aMemberReadsTheStatementsTheyStoredAndStaffReadAll() {
        String id = statement("xr-reader", "http://adlnet.gov/expapi/verbs/experienced", "https://example.org/a");
        String other = "Bearer " + TestJwt.token("xr-someone-else", null, Roles.PARTY_MEMBER);
        given().header("Authorization", other).header("X-Experience-API-Version", "1.0.3")
                .queryParam("statementId", id).get("/xapi/statements").then().statusCode(404);
        given().header("Authorization", other).header("X-Experience-API-Version", "1.0.3")
                .queryParam("verb", "http://adlnet.gov/expapi/verbs/experienced").get("/xapi/statements").then()
                .statusCode(200).body("statements", equalTo(List.of()));
        given().header("Authorization", MEMBER).header("X-Experience-API-Version", "1.0.3")
                .queryParam("statementId", id).get("/xapi/statements").then().statusCode(200).body("id", equalTo(id));
        given().header("Authorization", "Bearer " + TestJwt.token("xr-org-admin", UUID.randomUUID().toString(),
                        Roles.ORG_ADMIN)).header("X-Experience-API-Version", "1.0.3")
                .queryParam("statementId", id).get("/xapi/statements").then().statusCode(200);
    }

    @Test
    void readingABookOfTheCatalogueCreditsItAndUnknownActivitiesAreJustStored() {
        String book = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\": \"BOOK\", \"title\": \"论中国共产党历史\", \"author\": \"习近平\"}")
                .post("/api/v1/study/materials").then().statusCode(201).extract().path("id");
        String subject = "xr-" + UUID.randomUUID().toString().substring(0, 8);
        statement(subject, "https://example.org/verbs/liked", "https://grid-suite.cn/xapi/activities/materials/" + book);
        statement(subject, "http://adlnet.gov/expapi/verbs/completed", "https://example.org/somewhere-else");
        statement(subject, "http://adlnet.gov/expapi/verbs/completed",
                "https://grid-suite.cn/xapi/activities/materials/" + book);
        List<String> awarded = PracticeAndPointsTest.studyEvents(subject, 1);
        assertThat(awarded).hasSize(1);
        assertThat(awarded.get(0)).contains("\"activity\":\"BOOK_FINISHED\"", "\"sourceId\":\"" + book + "\"");
    }
}
