package cn.grid.study.api;

import cn.grid.testsupport.EventContract;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** 一课一片一实践 per member, organisation and subtree, and closing a month. */
@QuarkusTest
class ComplianceTest {

    static final StudyWorld WORLD = new StudyWorld();

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
    }

    static String session(String kind) {
        String body = StudySessionResourceTest.lecture(WORLD.villageA, kind + " 本月")
                .replace("MICRO_LECTURE", kind)
                .replace("2026-11-20T19:30:00+08:00", OffsetDateTime.now().withNano(0).toString());
        return as(admin(WORLD.villageA)).body(body).post("/api/v1/study/sessions").then().statusCode(201)
                .extract().path("id");
    }

    static void attended(String session, String... subjects) {
        StringBuilder entries = new StringBuilder();
        for (String s : subjects) {
            entries.append(entries.isEmpty() ? "" : ",").append("{\"subject\": \"").append(s)
                    .append("\", \"status\": \"PRESENT\"}");
        }
        as(admin(WORLD.villageA)).body("{\"entries\": [" + entries + "]}")
                .put("/api/v1/study/sessions/" + session + "/attendance").then().statusCode(200);
    }

    @Test
    void theMonthShowsWhoDidWhichPartAndWhoIsMissingWhat() {
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        attended(session("MICRO_LECTURE"), WORLD.chen, WORLD.li);
        attended(session("FILM_SCREENING"), WORLD.chen);
        attended(session("SITE_VISIT"), WORLD.wang);
        PracticeAndPointsTest.rated(UUID.randomUUID(), WORLD.chen, 5);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(admin(WORLD.town))
                .queryParam("orgId", WORLD.orgTown).queryParam("month", month).get("/api/v1/study/compliance")
                .then().statusCode(200).body("practice", equalTo(1)));
        as(StudyWorld.service(null)).queryParam("orgId", WORLD.orgTown).queryParam("month", month)
                .get("/api/v1/study/compliance").then().statusCode(200).body("practice", equalTo(1));
        as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown).queryParam("month", month)
                .get("/api/v1/study/compliance").then().statusCode(200)
                // chen, li and wang; zhao belongs to both branches (two memberships, two people here); and the three
                // secretaries (the committee's and each branch's), who did nothing this month
                .body("members", equalTo(8)).body("complete", equalTo(1)).body("coverage", equalTo(0.125f))
                .body("lecture", equalTo(2)).body("film", equalTo(1))
                .body("missing.find { it.personName == '李党员' }.missing", equalTo(List.of("FILM", "PRACTICE")))
                .body("missing.find { it.personName == '王党员' }.missing",
                        equalTo(List.of("LECTURE", "FILM", "PRACTICE")))
                .body("organisations.find { it.name == '龙王庙村党支部' }.members", equalTo(4))
                .body("organisations.find { it.name == '龙王庙村党支部' }.complete", equalTo(1))
                .body("organisations.find { it.name == '河西村党支部' }.coverage", equalTo(0.0f))
                .body("organisations.name", hasItem("春华镇党委"));
        // a branch's own report covers only its members
        as(admin(WORLD.villageA)).queryParam("orgId", WORLD.orgA).queryParam("month", month)
                .get("/api/v1/study/compliance").then().statusCode(200).body("members", equalTo(4));
    }

    @Test
    void aGridSubtreeSumsItsTopmostOrganisations() {
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        // the town's subtree holds the town committee (seated at the town) and both branches below it: one line
        as(admin(WORLD.town)).queryParam("month", month).get("/api/v1/study/compliance/grid-nodes/" + WORLD.town)
                .then().statusCode(200).body("gridNodeId", equalTo(WORLD.town.toString()))
                .body("organisations.orgId", equalTo(List.of(WORLD.orgTown.toString())))
                .body("members", equalTo(8)).body("organisations[0].members", equalTo(8));
        // a village's subtree: its branch is topmost there, as its parent sits outside
        as(admin(WORLD.villageA)).queryParam("month", month)
                .get("/api/v1/study/compliance/grid-nodes/" + WORLD.villageA).then().statusCode(200)
                .body("organisations.orgId", equalTo(List.of(WORLD.orgA.toString()))).body("members", equalTo(4));
        as(admin(WORLD.villageB)).queryParam("month", month)
                .get("/api/v1/study/compliance/grid-nodes/" + WORLD.villageA).then().statusCode(403)
                .contentType("application/problem+json");
        as(WORLD.member(WORLD.chen, WORLD.villageA)).queryParam("month", month)
                .get("/api/v1/study/compliance/grid-nodes/" + WORLD.villageA).then().statusCode(403);
        // the role lists name service accounts (the gateway's dashboard, reporting): inside their scope only
        as(StudyWorld.service(WORLD.villageA)).queryParam("month", month)
                .get("/api/v1/study/compliance/grid-nodes/" + WORLD.villageA).then().statusCode(200)
                .body("members", equalTo(4));
        as(StudyWorld.service(WORLD.villageB)).queryParam("month", month)
                .get("/api/v1/study/compliance/grid-nodes/" + WORLD.villageA).then().statusCode(403);
        as(admin(WORLD.town)).queryParam("month", "11/2026")
                .get("/api/v1/study/compliance/grid-nodes/" + WORLD.town).then().statusCode(400);
        as(StudyWorld.district()).queryParam("month", month)
                .get("/api/v1/study/compliance/grid-nodes/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void scopeAndInputAreChecked() {
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        as(admin(WORLD.villageB)).queryParam("orgId", WORLD.orgA).queryParam("month", month)
                .get("/api/v1/study/compliance").then().statusCode(403).contentType("application/problem+json");
        as(WORLD.member(WORLD.chen, WORLD.villageA)).queryParam("orgId", WORLD.orgA).queryParam("month", month)
                .get("/api/v1/study/compliance").then().statusCode(403);
        as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown).queryParam("month", "2026-13")
                .get("/api/v1/study/compliance").then().statusCode(400).body("detail", containsString("YYYY-MM"));
        as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown).get("/api/v1/study/compliance").then()
                .statusCode(400);
        as(admin(WORLD.town)).queryParam("orgId", UUID.randomUUID()).queryParam("month", month)
                .get("/api/v1/study/compliance").then().statusCode(404);
    }

    @Test
    void aMonthThatIsOverClosesOnceAndAnswersFromItsSnapshot() {
        YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        as(admin(WORLD.town)).body("{\"orgId\": \"" + WORLD.orgTown + "\", \"month\": \"" + now + "\"}")
                .post("/api/v1/study/compliance/close").then().statusCode(409).body("detail", containsString("not over"));
        String last = now.minusMonths(1).toString();
        as(admin(WORLD.town)).body("{\"orgId\": \"" + WORLD.orgTown + "\", \"month\": \"" + last + "\"}")
                .post("/api/v1/study/compliance/close").then().statusCode(200).body("closedAt", notNullValue())
                // last month: the secretaries' roles (from yesterday) were not there yet
                .body("members", equalTo(5)).body("complete", equalTo(0));
        as(admin(WORLD.town)).body("{\"orgId\": \"" + WORLD.orgTown + "\", \"month\": \"" + last + "\"}")
                .post("/api/v1/study/compliance/close").then().statusCode(409).body("detail", containsString("closed already"));
        as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown).queryParam("month", last)
                .get("/api/v1/study/compliance").then().statusCode(200).body("closedBy", equalTo("admin-" + WORLD.town));
        String closed = StudyWorld.events(WORLD.orgTown.toString(), "month.closed", 1).get(0).value();
        EventContract.assertMatchesExample(closed, "study.month.closed.v1");
        assertThat(closed).contains("\"month\":\"" + last + "\"");
    }
}
