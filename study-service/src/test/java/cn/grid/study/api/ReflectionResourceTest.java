package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static cn.grid.study.api.StudyWorld.district;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ReflectionResourceTest {

    static final StudyWorld WORLD = new StudyWorld();
    private static String session;
    private static String film;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
        if (session == null) {
            session = as(admin(WORLD.villageA)).body("""
                    {"kind": "FILM_SCREENING", "title": "观看教育片《解码中部崛起——促进城乡融合》",
                     "gridNodeId": "%s", "startsAt": "2026-11-20T19:30:00+08:00"}""".formatted(WORLD.villageA))
                    .post("/api/v1/study/sessions").then().statusCode(201).extract().path("id");
            film = as(district()).body("{\"kind\": \"FILM\", \"title\": \"解码中部崛起——促进城乡融合\"}")
                    .post("/api/v1/study/materials").then().statusCode(201).extract().path("id");
        }
    }

    String chen() {
        return WORLD.member(WORLD.chen, WORLD.villageA);
    }

    static String onSession(String session, String text) {
        return "{\"sessionId\": \"" + session + "\", \"text\": \"" + text + "\"}";
    }

    @Test
    void submittedReturnedResubmittedApproved() {
        String id = as(chen()).body(onSession(session, "农为邦本，本固邦宁"))
                .post("/api/v1/study/reflections")
                .then().statusCode(201).header("ETag", equalTo("\"0\"")).body("state", equalTo("SUBMITTED"))
                .body("orgId", equalTo(WORLD.orgA.toString())).body("personId", equalTo(WORLD.chenPerson.toString()))
                .extract().path("id");
        String path = "/api/v1/study/reflections/" + id;
        as(chen()).body(onSession(session, "再写一篇")).post("/api/v1/study/reflections").then().statusCode(409);

        as(admin(WORLD.villageB)).header("If-Match", "\"0\"").body("{}").post(path + "/approve")
                .then().statusCode(403);
        as(admin(WORLD.villageA)).body("{}").post(path + "/approve").then().statusCode(428);
        as(admin(WORLD.villageA)).header("If-Match", "\"0\"").body("{}").post(path + "/return")
                .then().statusCode(400).body("errors[0].field", equalTo("note"));
        as(admin(WORLD.villageA)).header("If-Match", "\"0\"").body("{\"note\": \"请结合本村产业发展谈谈具体打算\"}")
                .post(path + "/return").then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("state", equalTo("RETURNED")).body("reviewNote", containsString("产业"));
        as(admin(WORLD.villageA)).header("If-Match", "\"1\"").body("{}").post(path + "/approve")
                .then().statusCode(409).body("detail", containsString("RETURNED"));
        as(admin(WORLD.villageA)).header("If-Match", "\"0\"").body("{}").post(path + "/approve")
                .then().statusCode(412);

        as(WORLD.member(WORLD.li, WORLD.villageA)).header("If-Match", "\"1\"").body("{\"text\": \"x\"}")
                .post(path + "/resubmit").then().statusCode(403);
        as(chen()).header("If-Match", "\"1\"").body("{\"text\": \"作为农村党员，应该带头发展特色产业\"}")
                .post(path + "/resubmit").then().statusCode(200).body("state", equalTo("SUBMITTED"))
                .body("text", containsString("特色产业"));
        as(admin(WORLD.villageA)).header("If-Match", "\"2\"").post(path + "/approve")
                .then().statusCode(200).body("state", equalTo("APPROVED")).body("reviewNote", nullValue());
        as(chen()).header("If-Match", "\"3\"").body("{\"text\": \"再改\"}").post(path + "/resubmit")
                .then().statusCode(409).body("detail", containsString("APPROVED"));
        as(admin(WORLD.villageA)).header("If-Match", "\"3\"").body("{\"note\": \"x\"}").post(path + "/return")
                .then().statusCode(409).body("detail", containsString("APPROVED"));

        as(chen()).get(path).then().statusCode(200).header("ETag", equalTo("\"3\""));
        as(WORLD.member(WORLD.li, WORLD.villageA)).get(path).then().statusCode(403);
        as(admin(WORLD.villageB)).get(path).then().statusCode(403);
        as(admin(WORLD.town)).get(path).then().statusCode(200);
        as(chen()).get("/api/v1/study/reflections/" + UUID.randomUUID()).then().statusCode(404);

        var reviewed = StudyWorld.events(id, "reflection.reviewed", 2);
        EventContract.assertMatchesExample(reviewed.get(0).value(), "study.reflection.reviewed.v1");
        org.assertj.core.api.Assertions.assertThat(reviewed.get(0).value()).contains("RETURNED");
        org.assertj.core.api.Assertions.assertThat(reviewed.get(1).value()).contains("APPROVED")
                .contains(WORLD.chen);
        // approved: the author earned REFLECTION points for it
        String author = io.restassured.path.json.JsonPath.from(reviewed.get(1).value()).getString("data.memberSubject");
        org.assertj.core.api.Assertions.assertThat(PracticeAndPointsTest.studyEvents(author, 1))
                .anyMatch(e -> e.contains("\"activity\":\"REFLECTION\"") && e.contains("\"sourceId\":\"" + id + "\""));

        // waiting for review, for the reviewers: when written and again when resubmitted, each before its review
        var submitted = StudyWorld.events(id, "reflection.submitted", 2);
        EventContract.assertMatchesExample(submitted.get(0).value(), "study.reflection.submitted.v1");
        JsonPath first = JsonPath.from(submitted.get(0).value()).setRootPath("data");
        assertThat(first.getString("reflectionId")).isEqualTo(id);
        assertThat(first.getString("memberSubject")).isEqualTo(WORLD.chen);
        assertThat(first.getString("personId")).isEqualTo(WORLD.chenPerson.toString());
        assertThat(first.getString("orgId")).isEqualTo(WORLD.orgA.toString());
        assertThat(first.getString("sessionId")).isEqualTo(session);
        assertThat(first.getString("materialId")).isNull();
        String resubmittedAt = JsonPath.from(submitted.get(1).value()).getString("data.submittedAt");
        assertThat(OffsetDateTime.parse(resubmittedAt)).isAfter(OffsetDateTime.parse(first.getString("submittedAt")));
        assertThat(StudyWorld.events(id, "cn.grid.study.reflection.", 4))
                .extracting(r -> JsonPath.from(r.value()).getString("type")).containsExactly(
                        "cn.grid.study.reflection.submitted.v1", "cn.grid.study.reflection.reviewed.v1",
                        "cn.grid.study.reflection.submitted.v1", "cn.grid.study.reflection.reviewed.v1");
    }

    @Test
    void onlyMembersWriteValidReflections() {
        as(chen()).body("{\"materialId\": \"" + film + "\", \"sessionId\": \"" + session + "\", \"text\": \"x\"}")
                .post("/api/v1/study/reflections").then().statusCode(400);
        as(chen()).body("{\"text\": \"x\"}").post("/api/v1/study/reflections").then().statusCode(400);
        as(chen()).body(onSession(session, "长".repeat(5001))).post("/api/v1/study/reflections")
                .then().statusCode(400).body("errors[0].field", containsString("text"));
        as(chen()).body(onSession(UUID.randomUUID().toString(), "x")).post("/api/v1/study/reflections")
                .then().statusCode(400).body("errors[0].field", equalTo("sessionId"));
        as(WORLD.member(WORLD.stranger, WORLD.villageA)).body(onSession(session, "x"))
                .post("/api/v1/study/reflections").then().statusCode(403);
        // a grid worker is staff but no party member: no reflections (the branch's secretary is a member, and may)
        as(StudyWorld.worker(WORLD.villageA)).body(onSession(session, "x")).post("/api/v1/study/reflections")
                .then().statusCode(403);
        as("Bearer " + TestJwt.token("c", null, Roles.CITIZEN)).body(onSession(session, "x"))
                .post("/api/v1/study/reflections").then().statusCode(403);
        // a member of two branches names the one the reflection is for
        as(WORLD.member(WORLD.zhao, WORLD.villageA)).body(onSession(session, "x")).post("/api/v1/study/reflections")
                .then().statusCode(400).body("errors[0].field", equalTo("orgId"));
        String onFilm = as(WORLD.member(WORLD.zhao, WORLD.villageB))
                .body("{\"materialId\": \"" + film + "\", \"orgId\": \"" + WORLD.orgB + "\", \"text\": \"观后感\"}")
                .post("/api/v1/study/reflections").then().statusCode(201).body("orgId", equalTo(WORLD.orgB.toString()))
                .extract().path("id");
        JsonPath submitted = JsonPath.from(StudyWorld.events(onFilm, "reflection.submitted", 1).get(0).value())
                .setRootPath("data");
        assertThat(submitted.getString("orgId")).as("the branch named, whose administrators review it")
                .isEqualTo(WORLD.orgB.toString());
        assertThat(submitted.getString("materialId")).isEqualTo(film);
        assertThat(submitted.getString("sessionId")).isNull();
        as(WORLD.member(WORLD.wang, WORLD.villageB))
                .body("{\"materialId\": \"" + film + "\", \"orgId\": \"" + WORLD.orgA + "\", \"text\": \"观后感\"}")
                .post("/api/v1/study/reflections").then().statusCode(403);
    }

    @Test
    void listsByOrganisationMemberAndSession() {
        String li = as(WORLD.member(WORLD.li, WORLD.villageA)).body(onSession(session, "李的心得"))
                .post("/api/v1/study/reflections").then().statusCode(201).extract().path("id");
        String wang = as(WORLD.member(WORLD.wang, WORLD.villageB))
                .body("{\"materialId\": \"" + film + "\", \"text\": \"王的观后感\"}")
                .post("/api/v1/study/reflections").then().statusCode(201).extract().path("id");

        as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown.toString()).get("/api/v1/study/reflections")
                .then().statusCode(200).body("items.id", hasItem(li)).body("items.id", hasItem(wang));
        as(admin(WORLD.villageA)).queryParam("orgId", WORLD.orgA.toString()).get("/api/v1/study/reflections")
                .then().statusCode(200).body("items.id", hasItem(li)).body("items.id", not(hasItem(wang)));
        as(admin(WORLD.villageA)).queryParam("orgId", WORLD.orgB.toString()).get("/api/v1/study/reflections")
                .then().statusCode(403);
        // without an organisation an administrator gets their scope
        as(admin(WORLD.villageB)).get("/api/v1/study/reflections").then().statusCode(200)
                .body("items.id", hasItem(wang)).body("items.id", not(hasItem(li)));
        as(admin(WORLD.villageA)).queryParam("sessionId", session).get("/api/v1/study/reflections")
                .then().statusCode(200).body("items.id", hasItem(li))
                .body("items.sessionId", everyItem(equalTo(session)));
        as(admin(WORLD.town)).queryParam("memberSubject", WORLD.wang).get("/api/v1/study/reflections")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(wang));
        String cursor = as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown.toString()).queryParam("limit", 1)
                .get("/api/v1/study/reflections").then().statusCode(200).body("items", hasSize(1))
                .extract().path("nextCursor");
        as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown.toString()).queryParam("limit", 1)
                .queryParam("cursor", cursor).get("/api/v1/study/reflections").then().statusCode(200)
                .body("items", hasSize(1));

        // members read their own only
        as(WORLD.member(WORLD.li, WORLD.villageA)).get("/api/v1/study/reflections").then().statusCode(200)
                .body("items.memberSubject", everyItem(equalTo(WORLD.li))).body("items.id", hasItem(li));
        as(WORLD.member(WORLD.li, WORLD.villageA)).queryParam("orgId", WORLD.orgA.toString())
                .get("/api/v1/study/reflections").then().statusCode(200)
                .body("items.memberSubject", everyItem(equalTo(WORLD.li)));
        as(WORLD.member(WORLD.li, WORLD.villageA)).queryParam("memberSubject", WORLD.wang)
                .get("/api/v1/study/reflections").then().statusCode(403);
    }
}
