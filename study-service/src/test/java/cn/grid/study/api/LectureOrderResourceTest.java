package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static cn.grid.study.api.StudyWorld.district;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class LectureOrderResourceTest {

    static final StudyWorld WORLD = new StudyWorld();
    static final OffsetDateTime WANTED = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(10)
            .truncatedTo(ChronoUnit.HOURS);
    private static String speaker;
    private static String lecture;
    private static String notOffered;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
        if (lecture == null) {
            speaker = "wu-" + WORLD.suffix;
            // the speaker is a party member registered in the town (the token's role is not believed)
            TestRegistry.assign(speaker, WORLD.town, "/" + WORLD.town + "/", "PARTY_MEMBER");
            lecture = as(admin(WORLD.town)).body("""
                    {"kind": "MICRO_LECTURE", "title": "从“春华”到“秋实”：乡村振兴微党课", "author": "吴辉",
                     "speakerSubject": "%s", "offered": true, "durationMinutes": 30}""".formatted(speaker))
                    .post("/api/v1/study/materials").then().statusCode(201).extract().path("id");
            notOffered = as(admin(WORLD.town)).body("""
                    {"kind": "MICRO_LECTURE", "title": "未上架的微党课", "author": "吴辉"}""")
                    .post("/api/v1/study/materials").then().statusCode(201).extract().path("id");
        }
    }

    static String order(String material, UUID org, OffsetDateTime at) {
        return """
                {"materialId": "%s", "orgId": "%s", "wantedAt": "%s", "place": "龙王庙村屋场"}"""
                .formatted(material, org, at);
    }

    String speakerToken() {
        return "Bearer " + TestJwt.token(speaker, WORLD.town.toString(), Roles.PARTY_MEMBER);
    }

    @Test
    void aBranchOrdersTheSpeakerAcceptsAndASessionIsScheduled() {
        String id = as(admin(WORLD.villageA)).body(order(lecture, WORLD.orgA, WANTED))
                .post("/api/v1/study/lecture-orders")
                .then().statusCode(201).header("ETag", equalTo("\"0\"")).body("status", equalTo("REQUESTED"))
                .body("speakerSubject", equalTo(speaker)).extract().path("id");
        String path = "/api/v1/study/lecture-orders/" + id;
        as(speakerToken()).get(path).then().statusCode(200);
        as(admin(WORLD.villageB)).get(path).then().statusCode(403);

        // placed: announced for the speaker, with the branch, its grid, the speaker's person and who ordered
        String placed = StudyWorld.events(id, "lecture-order.placed", 1).get(0).value();
        EventContract.assertMatchesExample(placed, "study.lecture-order.placed.v1");
        JsonPath data = JsonPath.from(placed).setRootPath("data");
        assertThat(data.getString("orderId")).isEqualTo(id);
        assertThat(data.getString("materialId")).isEqualTo(lecture);
        assertThat(data.getString("title")).isEqualTo("从“春华”到“秋实”：乡村振兴微党课");
        assertThat(data.getString("orgId")).isEqualTo(WORLD.orgA.toString());
        assertThat(data.getString("gridNodeId")).isEqualTo(WORLD.villageA.toString());
        assertThat(data.getString("speakerSubject")).isEqualTo(speaker);
        assertThat(data.getString("speakerPersonId")).isEqualTo(TestRegistry.personOf(speaker).toString());
        assertThat(OffsetDateTime.parse(data.getString("wantedAt"))).isAtSameInstantAs(WANTED);
        assertThat(data.getString("place")).isEqualTo("龙王庙村屋场");
        assertThat(data.getString("placedBy")).isEqualTo("admin-" + WORLD.villageA);
        assertThat(data.getString("placedAt")).isNotNull();

        as(admin(WORLD.villageA)).header("If-Match", "\"0\"").post(path + "/accept").then().statusCode(403)
                .body("detail", containsString("speaker"));
        as(speakerToken()).post(path + "/accept").then().statusCode(428);
        as(speakerToken()).header("If-Match", "\"5\"").post(path + "/accept").then().statusCode(412);
        String sessionId = as(speakerToken()).header("If-Match", "\"0\"").post(path + "/accept")
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("status", equalTo("ACCEPTED"))
                .body("sessionId", notNullValue()).body("decidedAt", notNullValue()).extract().path("sessionId");
        as(speakerToken()).header("If-Match", "\"1\"").post(path + "/accept").then().statusCode(409)
                .body("detail", containsString("ACCEPTED"));
        as(speakerToken()).header("If-Match", "\"1\"").body("{}").post(path + "/decline").then().statusCode(409)
                .body("detail", containsString("ACCEPTED"));

        // the accepted lecture is a micro-lecture session of the branch's grid, with its speaker
        as(admin(WORLD.villageA)).get("/api/v1/study/sessions/" + sessionId).then().statusCode(200)
                .body("kind", equalTo("MICRO_LECTURE")).body("gridNodeId", equalTo(WORLD.villageA.toString()))
                .body("speaker", equalTo("吴辉")).body("place", equalTo("龙王庙村屋场"))
                .body("durationMinutes", equalTo(30)).body("recordedBy", equalTo(speaker));
        // 人人上讲台: the speaker earned LECTURE points for that session
        org.assertj.core.api.Assertions.assertThat(PracticeAndPointsTest.studyEvents(speaker, 1))
                .anyMatch(e -> e.contains("\"activity\":\"LECTURE\"") && e.contains("\"sourceId\":\"" + sessionId + "\""));

        EventContract.assertMatchesExample(StudyWorld.events(id, "lecture-order.accepted", 1).get(0).value(),
                "study.lecture-order.accepted.v1");
        StudyWorld.events(sessionId, "session.recorded", 1);
    }

    @Test
    void theSpeakerDeclinesAndTheCountsAddUp() {
        String accepted = as(admin(WORLD.villageB)).body(order(lecture, WORLD.orgB, WANTED.plusDays(1)))
                .post("/api/v1/study/lecture-orders").then().statusCode(201).extract().path("id");
        as(speakerToken()).header("If-Match", "\"0\"").post("/api/v1/study/lecture-orders/" + accepted + "/accept")
                .then().statusCode(200);
        String declined = as(admin(WORLD.villageB)).body(order(lecture, WORLD.orgB, WANTED.plusDays(2)))
                .post("/api/v1/study/lecture-orders").then().statusCode(201).extract().path("id");
        as(speakerToken()).header("If-Match", "\"0\"").body("{\"reason\": \"当天已有巡讲安排，请改约\"}")
                .post("/api/v1/study/lecture-orders/" + declined + "/decline")
                .then().statusCode(200).body("status", equalTo("DECLINED"))
                .body("declineReason", equalTo("当天已有巡讲安排，请改约"));
        // declined: announced for the ordering branch, with the reason and who ordered; an accepted order is not
        String declinedEvent = StudyWorld.events(declined, "lecture-order.declined", 1).get(0).value();
        EventContract.assertMatchesExample(declinedEvent, "study.lecture-order.declined.v1");
        JsonPath data = JsonPath.from(declinedEvent).setRootPath("data");
        assertThat(data.getString("orderId")).isEqualTo(declined);
        assertThat(data.getString("orgId")).isEqualTo(WORLD.orgB.toString());
        assertThat(data.getString("gridNodeId")).isEqualTo(WORLD.villageB.toString());
        assertThat(data.getString("speakerSubject")).isEqualTo(speaker);
        assertThat(data.getString("reason")).isEqualTo("当天已有巡讲安排，请改约");
        assertThat(data.getString("placedBy")).isEqualTo("admin-" + WORLD.villageB);
        assertThat(data.getString("declinedAt")).isNotNull();
        assertThat(StudyWorld.events(accepted, "", 2)).extracting(r -> JsonPath.from(r.value()).getString("type"))
                .containsExactly("cn.grid.study.lecture-order.placed.v1", "cn.grid.study.lecture-order.accepted.v1");
        as(admin(WORLD.villageB)).body(order(lecture, WORLD.orgB, WANTED.plusDays(3)))
                .post("/api/v1/study/lecture-orders").then().statusCode(201);

        as(admin(WORLD.villageB)).queryParam("orgId", WORLD.orgB.toString())
                .get("/api/v1/study/lecture-orders/stats").then().statusCode(200)
                .body("ordered", equalTo(3)).body("accepted", equalTo(1)).body("declined", equalTo(1))
                .body("pending", equalTo(1)).body("lecturesOffered", greaterThanOrEqualTo(1))
                .body("byMaterial[0].materialId", equalTo(lecture)).body("byMaterial[0].ordered", equalTo(3));
        as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown.toString())
                .get("/api/v1/study/lecture-orders/stats").then().statusCode(200)
                .body("ordered", greaterThanOrEqualTo(3));
        as(admin(WORLD.villageA)).queryParam("orgId", WORLD.orgB.toString())
                .get("/api/v1/study/lecture-orders/stats").then().statusCode(403);
        as(admin(WORLD.villageA)).get("/api/v1/study/lecture-orders/stats").then().statusCode(403);
        as(district()).get("/api/v1/study/lecture-orders/stats").then().statusCode(200)
                .body("ordered", greaterThanOrEqualTo(3));
        as(speakerToken()).get("/api/v1/study/lecture-orders/stats").then().statusCode(403);

        // the branch's orders, and the speaker's incoming ones
        as(admin(WORLD.villageB)).queryParam("orgId", WORLD.orgB.toString()).get("/api/v1/study/lecture-orders")
                .then().statusCode(200).body("items.id", hasItem(declined));
        as(speakerToken()).get("/api/v1/study/lecture-orders").then().statusCode(200)
                .body("items.id", hasItem(accepted));
        as(admin(WORLD.villageA)).queryParam("orgId", WORLD.orgB.toString()).get("/api/v1/study/lecture-orders")
                .then().statusCode(403);
    }

    @Test
    void aSpeakerTheRegistryDoesNotKnowIsAnnouncedWithoutAPerson() {
        String unknownSpeaker = "guest-speaker-" + UUID.randomUUID();
        String guestLecture = as(admin(WORLD.town)).body("""
                {"kind": "MICRO_LECTURE", "title": "外请专家微党课", "author": "外请专家",
                 "speakerSubject": "%s", "offered": true, "durationMinutes": 45}""".formatted(unknownSpeaker))
                .post("/api/v1/study/materials").then().statusCode(201).extract().path("id");
        String id = as(admin(WORLD.villageA)).body("""
                {"materialId": "%s", "orgId": "%s", "wantedAt": "%s"}""".formatted(guestLecture, WORLD.orgA, WANTED))
                .post("/api/v1/study/lecture-orders").then().statusCode(201).extract().path("id");

        JsonPath data = JsonPath.from(StudyWorld.events(id, "lecture-order.placed", 1).get(0).value())
                .setRootPath("data");
        assertThat(data.getString("speakerSubject")).isEqualTo(unknownSpeaker);
        assertThat(data.getString("speakerPersonId")).isNull();
        assertThat(data.getString("place")).isNull();
    }

    @Test
    void refusesWhatCannotBeOrdered() {
        as(admin(WORLD.villageA)).body(order(notOffered, WORLD.orgA, WANTED)).post("/api/v1/study/lecture-orders")
                .then().statusCode(400).body("errors[0].field", equalTo("materialId"));
        as(admin(WORLD.villageA)).body(order(UUID.randomUUID().toString(), WORLD.orgA, WANTED))
                .post("/api/v1/study/lecture-orders").then().statusCode(400)
                .body("errors[0].field", equalTo("materialId"));
        as(admin(WORLD.villageA)).body(order(lecture, WORLD.orgA, OffsetDateTime.now().minusDays(1)))
                .post("/api/v1/study/lecture-orders").then().statusCode(400)
                .body("errors[0].field", equalTo("wantedAt"));
        as(admin(WORLD.villageA)).body(order(lecture, UUID.randomUUID(), WANTED))
                .post("/api/v1/study/lecture-orders").then().statusCode(400).body("errors[0].field", equalTo("orgId"));
        as(admin(WORLD.villageA)).body("{\"orgId\": \"" + WORLD.orgA + "\"}").post("/api/v1/study/lecture-orders")
                .then().statusCode(400);
        as(admin(WORLD.villageA)).body(order(lecture, WORLD.orgB, WANTED)).post("/api/v1/study/lecture-orders")
                .then().statusCode(403);
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body(order(lecture, WORLD.orgA, WANTED))
                .post("/api/v1/study/lecture-orders").then().statusCode(403);
        as(speakerToken()).header("If-Match", "\"0\"").post("/api/v1/study/lecture-orders/" + UUID.randomUUID()
                + "/accept").then().statusCode(404);
    }
}
