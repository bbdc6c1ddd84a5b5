package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** 签到 in batches: points follow, corrections need a reason and are audited, scope applies. */
@QuarkusTest
class AttendanceTest {

    static final String ADMIN = "Bearer " + TestJwt.token("att-admin", null, Roles.DISTRICT_ADMIN);

    static String session(UUID village) {
        TestGridEvents.nodeCreated(village, null, "/" + village + "/", "DISTRICT", "V", "龙王庙村");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/study/grid-nodes/" + village).then().statusCode(200));
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(StudySessionResourceTest.lecture(village, "观看《建党伟业》").replace("MICRO_LECTURE", "FILM_SCREENING"))
                .post("/api/v1/study/sessions").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse mark(String token, String session, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .put("/api/v1/study/sessions/" + session + "/attendance").then();
    }

    @Test
    void batchesCreditCorrectionsAreAuditedAndPointsFollow() {
        UUID village = UUID.randomUUID();
        String session = session(village);
        String a = "att-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "att-" + UUID.randomUUID().toString().substring(0, 8);
        mark(ADMIN, session, """
                {"entries": [{"subject": "%s", "personName": "甲", "status": "PRESENT"},
                             {"subject": "%s", "personName": "乙", "status": "EXCUSED"}]}""".formatted(a, b))
                .statusCode(200).body("recorded", equalTo(2)).body("corrected", equalTo(0));
        // the same batch again: nothing changes
        mark(ADMIN, session, """
                {"entries": [{"subject": "%s", "status": "PRESENT"}]}""".formatted(a))
                .statusCode(200).body("unchanged", equalTo(1));
        // a correction without a reason is refused; with one it is audited and the points follow
        mark(ADMIN, session, """
                {"entries": [{"subject": "%s", "status": "ABSENT"}, {"subject": "%s", "status": "LATE"}]}"""
                .formatted(a, b)).statusCode(400).body("detail", containsString("reason"));
        mark(ADMIN, session, """
                {"entries": [{"subject": "%s", "status": "ABSENT"}, {"subject": "%s", "status": "LATE"}],
                 "reason": "核对签到表"}""".formatted(a, b)).statusCode(200).body("corrected", equalTo(2));
        mark(ADMIN, session, """
                {"entries": [{"subject": "%s", "status": "LATE"}, {"subject": "%s", "status": "PRESENT"}]}"""
                .formatted(a, a)).statusCode(400).body("detail", containsString("twice"));

        given().header("Authorization", ADMIN).get("/api/v1/study/sessions/" + session + "/attendance").then()
                .statusCode(200).body("find { it.subject == '" + a + "' }.status", equalTo("ABSENT"))
                .body("find { it.subject == '" + b + "' }.status", equalTo("LATE"));
        given().header("Authorization", ADMIN).get("/api/v1/study/sessions/" + session + "/attendance/changes").then()
                .statusCode(200)
                .body("findAll { it.subject == '" + a + "' }.toStatus", equalTo(List.of("PRESENT", "ABSENT")))
                .body("findAll { it.subject == '" + a + "' }.reason", equalTo(java.util.Arrays.asList(null, "核对签到表")))
                .body("findAll { it.subject == '" + a + "' }.changedBy", equalTo(List.of("att-admin", "att-admin")));

        // a: credited then reversed (net 0); b: credited once
        List<String> aEvents = PracticeAndPointsTest.studyEvents(a, 2);
        assertThat(aEvents.get(0)).contains("\"activity\":\"ATTENDANCE\"", "\"points\":1");
        assertThat(aEvents.get(1)).contains("\"points\":-1", "\"balance\":0");
        List<String> bEvents = PracticeAndPointsTest.studyEvents(b, 1);
        assertThat(bEvents.get(0)).contains("\"points\":1", "\"balance\":1");
        List<String> sessionEvents = PracticeAndPointsTest.studyEvents(session, 3);
        String last = sessionEvents.stream().filter(e -> e.contains("attendance.recorded")).reduce((x, y) -> y)
                .orElseThrow();
        EventContract.assertMatchesExample(last, "study.attendance.recorded.v1");
        assertThat(last).contains("\"late\":1", "\"absent\":1", "\"attended\":[\"" + b + "\"]");
    }

    @Test
    void aSessionNamesItsSpeakerLoginMaterialsAndNonMemberAudienceAndTheSpeakerEarnsLecturePoints() {
        UUID village = UUID.randomUUID();
        session(village);
        String film = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\": \"FILM\", \"title\": \"建党伟业\"}").post("/api/v1/study/materials").then()
                .statusCode(201).extract().path("id");
        String speaker = "spk-" + UUID.randomUUID().toString().substring(0, 8);
        String body = StudySessionResourceTest.lecture(village, "观影与宣讲").replace("\"speaker\": \"李书记\"",
                "\"speaker\": \"李书记\", \"speakerSubject\": \"" + speaker + "\", \"materialIds\": [\"" + film
                        + "\"], \"nonMemberAudience\": 12");
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/api/v1/study/sessions").then().statusCode(201).body("speakerSubject", equalTo(speaker))
                .body("nonMemberAudience", equalTo(12)).body("materialIds", equalTo(List.of(film)))
                .extract().path("id");
        given().header("Authorization", ADMIN).get("/api/v1/study/sessions/" + id).then().statusCode(200)
                .body("materialIds", equalTo(List.of(film)));
        assertThat(PracticeAndPointsTest.studyEvents(speaker, 1).get(0))
                .contains("\"activity\":\"LECTURE\"", "\"sourceId\":\"" + id + "\"");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body.replace(film, UUID.randomUUID().toString())).post("/api/v1/study/sessions").then()
                .statusCode(400).body("detail", containsString("no material"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body.replace("\"nonMemberAudience\": 12", "\"orgId\": \"" + UUID.randomUUID() + "\""))
                .post("/api/v1/study/sessions").then().statusCode(400).body("detail", containsString("not known"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body.replace("\"nonMemberAudience\": 12", "\"nonMemberAudience\": -1"))
                .post("/api/v1/study/sessions").then().statusCode(400);
    }

    @Test
    void staffOutsideTheSessionsScopeCannotMarkIt() {
        String session = session(UUID.randomUUID());
        String elsewhere = "Bearer " + TestJwt.token("w", UUID.randomUUID().toString(), Roles.GRID_WORKER);
        mark(elsewhere, session, "{\"entries\": [{\"subject\": \"x\", \"status\": \"PRESENT\"}]}").statusCode(403)
                .contentType("application/problem+json");
        mark("Bearer " + TestJwt.token("m", null, Roles.PARTY_MEMBER), session,
                "{\"entries\": [{\"subject\": \"m\", \"status\": \"PRESENT\"}]}").statusCode(403);
        mark(ADMIN, session, "{\"entries\": []}").statusCode(400);
        mark(ADMIN, UUID.randomUUID().toString(), "{\"entries\": [{\"subject\": \"x\", \"status\": \"PRESENT\"}]}")
                .statusCode(404);
        mark(ADMIN, session, "{\"entries\": [{\"subject\": \"x\", \"status\": \"ASLEEP\"}]}").statusCode(400);
    }
}
