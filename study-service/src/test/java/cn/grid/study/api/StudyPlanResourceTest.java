package cn.grid.study.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static cn.grid.study.api.StudyWorld.district;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class StudyPlanResourceTest {

    static final StudyWorld WORLD = new StudyWorld();
    private static String book1;
    private static String book2;
    private static String film;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
        if (book1 == null) {
            book1 = book("论中国共产党历史");
            book2 = book("中国共产党简史");
            film = as(district()).body("{\"kind\": \"FILM\", \"title\": \"解码中部崛起\"}")
                    .post("/api/v1/study/materials").then().statusCode(201).extract().path("id");
        }
    }

    private static String book(String title) {
        return as(district()).body("{\"kind\": \"BOOK\", \"title\": \"" + title + "\"}").post("/api/v1/study/materials")
                .then().statusCode(201).extract().path("id");
    }

    static String plan(UUID org, int year, String... books) {
        String ids = books.length == 0 ? "" : "\"" + String.join("\", \"", books) + "\"";
        return """
                {"orgId": "%s", "year": %d, "title": "%d年党史学习教育计划",
                 "topics": ["深刻铭记中国共产党奋斗的光辉历程", "中国共产党为什么‘能’？"],
                 "bookIds": [%s], "sessionsPerMonth": 1, "coveragePercent": 100}""".formatted(org, year, year, ids);
    }

    @Test
    void anAdministratorPlansTheYearOncePerOrganisation() {
        String id = as(admin(WORLD.villageA)).body(plan(WORLD.orgA, 2026, book1, book2)).post("/api/v1/study/plans")
                .then().statusCode(201).header("ETag", equalTo("\"0\""))
                .body("topics", hasSize(2)).body("bookIds[1]", equalTo(book2)).body("coveragePercent", equalTo(100))
                .extract().path("id");
        as(admin(WORLD.villageA)).body(plan(WORLD.orgA, 2026)).post("/api/v1/study/plans")
                .then().statusCode(409).body("detail", containsString("2026"));
        as(admin(WORLD.villageB)).body(plan(WORLD.orgA, 2027)).post("/api/v1/study/plans").then().statusCode(403);
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body(plan(WORLD.orgA, 2027)).post("/api/v1/study/plans")
                .then().statusCode(403);
        as(admin(WORLD.villageA)).body(plan(UUID.randomUUID(), 2026)).post("/api/v1/study/plans")
                .then().statusCode(400).body("errors[0].field", equalTo("orgId"));
        as(admin(WORLD.villageA)).body(plan(WORLD.orgA, 2028, film)).post("/api/v1/study/plans")
                .then().statusCode(400).body("errors[0].field", equalTo("bookIds"));
        as(admin(WORLD.villageA)).body(plan(WORLD.orgA, 2028, UUID.randomUUID().toString()))
                .post("/api/v1/study/plans").then().statusCode(400).body("errors[0].field", equalTo("bookIds"));
        as(admin(WORLD.villageA)).body(plan(WORLD.orgA, 1999)).post("/api/v1/study/plans")
                .then().statusCode(400).body("errors[0].field", containsString("year"));

        // members read their organisation's plan; others do not
        as(WORLD.member(WORLD.chen, WORLD.villageA)).get("/api/v1/study/plans/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\""));
        as(WORLD.member(WORLD.wang, WORLD.villageB)).get("/api/v1/study/plans/" + id).then().statusCode(403);
        as(admin(WORLD.villageA)).get("/api/v1/study/plans/" + UUID.randomUUID()).then().statusCode(404);

        String changed = plan(WORLD.orgA, 2026, book1);
        as(admin(WORLD.villageA)).body(changed).put("/api/v1/study/plans/" + id).then().statusCode(428);
        as(admin(WORLD.villageA)).header("If-Match", "\"3\"").body(changed).put("/api/v1/study/plans/" + id)
                .then().statusCode(412);
        as(admin(WORLD.villageA)).header("If-Match", "\"0\"").body(plan(WORLD.orgA, 2030, book1))
                .put("/api/v1/study/plans/" + id).then().statusCode(400).body("errors[0].field", equalTo("year"));
        as(admin(WORLD.villageB)).header("If-Match", "\"0\"").body(changed).put("/api/v1/study/plans/" + id)
                .then().statusCode(403);
        as(admin(WORLD.town)).header("If-Match", "\"0\"").body(changed).put("/api/v1/study/plans/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("bookIds", hasSize(1));
    }

    @Test
    void listsPlansOfTheSubtreeForAdministratorsAndTheOwnForMembers() {
        String a = as(admin(WORLD.villageA)).body(plan(WORLD.orgA, 2025)).post("/api/v1/study/plans")
                .then().statusCode(201).extract().path("id");
        String b = as(admin(WORLD.villageB)).body(plan(WORLD.orgB, 2025)).post("/api/v1/study/plans")
                .then().statusCode(201).extract().path("id");
        as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown.toString()).queryParam("year", 2025)
                .get("/api/v1/study/plans").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].id", equalTo(b)).body("items[1].id", equalTo(a));
        String cursor = as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown.toString()).queryParam("year", 2025)
                .queryParam("limit", 1).get("/api/v1/study/plans").then().statusCode(200)
                .extract().path("nextCursor");
        as(admin(WORLD.town)).queryParam("orgId", WORLD.orgTown.toString()).queryParam("year", 2025)
                .queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/study/plans").then().statusCode(200)
                .body("items[0].id", equalTo(a)).body("nextCursor", nullValue());
        as(WORLD.member(WORLD.chen, WORLD.villageA)).queryParam("orgId", WORLD.orgA.toString())
                .queryParam("year", 2025).get("/api/v1/study/plans").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(a));
        as(WORLD.member(WORLD.chen, WORLD.villageA)).queryParam("orgId", WORLD.orgTown.toString())
                .get("/api/v1/study/plans").then().statusCode(403);
        as(admin(WORLD.villageA)).queryParam("orgId", WORLD.orgB.toString()).get("/api/v1/study/plans")
                .then().statusCode(403);
        as(admin(WORLD.villageA)).get("/api/v1/study/plans").then().statusCode(400)
                .body("errors[0].field", equalTo("orgId"));
        as(admin(WORLD.villageA)).queryParam("orgId", UUID.randomUUID().toString()).get("/api/v1/study/plans")
                .then().statusCode(404);
    }

    @Test
    void membersReportTheirReadingAndAdministratorsSeeEveryMember() {
        String id = as(admin(WORLD.villageA)).body(plan(WORLD.orgA, 2024, book1, book2)).post("/api/v1/study/plans")
                .then().statusCode(201).extract().path("id");
        String reading = "/api/v1/study/plans/" + id + "/reading/";
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body("{\"pagesRead\": 120, \"percent\": 45}")
                .put(reading + book1).then().statusCode(200).body("percent", equalTo(45))
                .body("finished", equalTo(false)).body("subject", equalTo(WORLD.chen));
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body("{\"finished\": true}").put(reading + book2)
                .then().statusCode(200).body("percent", equalTo(100)).body("finished", equalTo(true));
        org.assertj.core.api.Assertions.assertThat(PracticeAndPointsTest.studyEvents(WORLD.chen, 1))
                .anyMatch(e -> e.contains("\"activity\":\"BOOK_FINISHED\"") && e.contains(book2.toString()));
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body("{}").put(reading + book1).then().statusCode(400);
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body("{\"percent\": 101}").put(reading + book1)
                .then().statusCode(400);
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body("{\"percent\": 10}").put(reading + film)
                .then().statusCode(404);
        as(WORLD.member(WORLD.wang, WORLD.villageB)).body("{\"percent\": 10}").put(reading + book1)
                .then().statusCode(403);
        // staff who are not party members report no reading (the branch's secretary is a member, and may)
        as(StudyWorld.worker(WORLD.villageA)).body("{\"percent\": 10}").put(reading + book1).then().statusCode(403);
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body("{\"percent\": 10}")
                .put("/api/v1/study/plans/" + UUID.randomUUID() + "/reading/" + book1).then().statusCode(404);

        // the administrator sees every member of the branch, also those who reported nothing
        as(admin(WORLD.villageA)).get("/api/v1/study/plans/" + id + "/reading").then().statusCode(200)
                // chen, li, zhao and the branch's secretary
                .body("", hasSize(4)).body("subject", hasItem(WORLD.li))
                .body("find { it.subject == '" + WORLD.chen + "' }.finishedBooks", equalTo(1))
                .body("find { it.subject == '" + WORLD.chen + "' }.books[0].pagesRead", equalTo(120))
                .body("find { it.subject == '" + WORLD.li + "' }.books[0].percent", nullValue());
        as(WORLD.member(WORLD.li, WORLD.villageA)).get("/api/v1/study/plans/" + id + "/reading").then()
                .statusCode(200).body("", hasSize(1)).body("[0].subject", equalTo(WORLD.li));
        as(WORLD.member(WORLD.wang, WORLD.villageB)).get("/api/v1/study/plans/" + id + "/reading").then()
                .statusCode(403);
        as(admin(WORLD.villageB)).get("/api/v1/study/plans/" + id + "/reading").then().statusCode(403);
    }
}
