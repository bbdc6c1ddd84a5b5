package cn.grid.study.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static cn.grid.study.api.StudyWorld.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** 学习档案: a member's record across every kind of study, and the organisation's export as JSON and CSV. */
@QuarkusTest
class LearningRecordTest {

    static final StudyWorld WORLD = new StudyWorld();

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
    }

    @Test
    void theRecordGathersEveryKindOfStudyWithTheBalance() {
        String session = as(admin(WORLD.villageA)).body(StudySessionResourceTest.lecture(WORLD.villageA, "百年党史微党课"))
                .post("/api/v1/study/sessions").then().statusCode(201).extract().path("id");
        as(admin(WORLD.villageA)).body("{\"entries\": [{\"subject\": \"" + WORLD.chen + "\", \"status\": \"LATE\"}]}")
                .put("/api/v1/study/sessions/" + session + "/attendance").then().statusCode(200);
        PracticeAndPointsTest.rated(UUID.randomUUID(), WORLD.chen, 5);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(WORLD.member(WORLD.chen, WORLD.villageA))
                .get("/api/v1/study/members/" + WORLD.chenPerson + "/record").then().statusCode(200)
                .body("balance", equalTo(6)).body("items.kind", hasItem("PRACTICE")));
        as(WORLD.member(WORLD.chen, WORLD.villageA)).get("/api/v1/study/members/" + WORLD.chenPerson + "/record")
                .then().body("items.find { it.kind == 'SESSION' }.title", equalTo("百年党史微党课"))
                .body("items.find { it.kind == 'SESSION' }.detail", equalTo("MICRO_LECTURE LATE"));
        as(WORLD.member(WORLD.li, WORLD.villageA)).get("/api/v1/study/members/" + WORLD.chenPerson + "/record")
                .then().statusCode(403);

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        // the session (2026-11-20) and the points (today) both fall in the period
        as(admin(WORLD.town)).queryParam("from", "2026-01-01").queryParam("to", today)
                .get("/api/v1/study/orgs/" + WORLD.orgTown + "/records").then().statusCode(200)
                .body("find { it.subject == '" + WORLD.chen + "' }.sessionsAttended", equalTo(1))
                .body("find { it.subject == '" + WORLD.chen + "' }.practice", equalTo(1))
                .body("find { it.subject == '" + WORLD.chen + "' }.balance", equalTo(6));
        String csv = as(admin(WORLD.town)).queryParam("from", "2026-01-01").queryParam("to", today)
                .queryParam("format", "csv")
                .get("/api/v1/study/orgs/" + WORLD.orgTown + "/records").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv).startsWith("\uFEFFperson_id,name,subject,sessions_attended");
        assertThat(csv).contains(WORLD.chenPerson + ",陈党员," + WORLD.chen + ",1,1,0,0,1,0,0,6,6\r\n");
        as(admin(WORLD.villageB)).queryParam("from", today).queryParam("to", today)
                .get("/api/v1/study/orgs/" + WORLD.orgA + "/records").then().statusCode(403);
        // a reporting service account reads them too, as its role list promises, and only inside its scope
        as(service(null)).queryParam("from", "2026-01-01").queryParam("to", today)
                .get("/api/v1/study/orgs/" + WORLD.orgTown + "/records").then().statusCode(200)
                .body("find { it.subject == '" + WORLD.chen + "' }.balance", equalTo(6));
        as(service(WORLD.villageB)).queryParam("from", today).queryParam("to", today)
                .get("/api/v1/study/orgs/" + WORLD.orgA + "/records").then().statusCode(403);
        as(admin(WORLD.town)).queryParam("from", today).queryParam("to", "2020-01-01")
                .get("/api/v1/study/orgs/" + WORLD.orgTown + "/records").then().statusCode(400);
    }

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertThat(LearningRecordResource.cell("陈党员")).isEqualTo("陈党员");
        assertThat(LearningRecordResource.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(LearningRecordResource.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(LearningRecordResource.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(LearningRecordResource.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(LearningRecordResource.cell(null)).isEmpty();
    }
}
