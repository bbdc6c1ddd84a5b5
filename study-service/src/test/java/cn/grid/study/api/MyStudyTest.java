package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** GET /api/v1/study/me and /me/work: the caller's points and what waits for them, from the registry read models. */
@QuarkusTest
class MyStudyTest {

    static final StudyWorld WORLD = new StudyWorld();
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** the secretary of branch A, from a membership with role SECRETARY */
    static final String SECRETARY = "secretary-" + WORLD.suffix;
    static final UUID SECRETARY_PERSON = UUID.randomUUID();
    private static boolean known;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() throws Exception {
        WORLD.ensure(dataSource);
        if (known) {
            return;
        }
        known = true;
        Map<String, Object> data = new HashMap<>(Map.of("membershipId", UUID.randomUUID().toString(),
                "orgId", WORLD.orgA.toString(), "personId", SECRETARY_PERSON.toString(), "personName", "周书记",
                "subject", SECRETARY, "role", "SECRETARY", "startDate", "2022-01-01"));
        data.put("endDate", null);
        TestGridEvents.publish("grid.party-org.membership-changed.v1", WORLD.orgA, data);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select 1 from party_org_member_view where person_id = ?")) {
                s.setObject(1, SECRETARY_PERSON);
                return s.executeQuery().next();
            }
        });
    }

    static String member(String subject) {
        return "Bearer " + TestJwt.token(subject, null, Roles.PARTY_MEMBER);
    }

    private void credit(UUID person, String subject, int points, OffsetDateTime at) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into points_entry (id, person_id, subject, activity, points, source_id, at)
                values (?, ?, ?, 'ATTENDANCE', ?, ?, ?)""")) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, person);
            s.setString(3, subject);
            s.setInt(4, points);
            s.setString(5, UUID.randomUUID().toString());
            s.setObject(6, at);
            s.executeUpdate();
        }
    }

    @Test
    void myPointsAreTheBalanceAndWhatTheYearAndMonthBrought() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(CHINA);
        YearMonth month = YearMonth.from(now);
        String li = WORLD.li;
        UUID liPerson = UUID.fromString(given().header("Authorization", member(li)).get("/api/v1/study/me")
                .then().statusCode(200).extract().path("personId"));
        credit(liPerson, li, 7, now.minusYears(1).withDayOfYear(1));       // last year
        credit(liPerson, li, 3, now);                                      // this month
        credit(null, li, 2, now);                                          // by login only
        if (month.getMonthValue() > 1) {
            credit(liPerson, li, 5, month.minusMonths(1).atDay(1).atStartOfDay(CHINA).toOffsetDateTime());
        }
        int earlierThisYear = month.getMonthValue() > 1 ? 5 : 0;
        given().header("Authorization", member(li)).get("/api/v1/study/me").then().statusCode(200)
                .body("subject", equalTo(li))
                .body("personId", equalTo(liPerson.toString()))
                .body("points.balance", equalTo(12 + earlierThisYear))
                .body("points.year", equalTo(month.getYear()))
                .body("points.thisYear", equalTo(5 + earlierThisYear))
                .body("points.month", equalTo(month.toString()))
                .body("points.thisMonth", equalTo(5));
        // a login the registry does not know: no person, nothing credited
        given().header("Authorization", member("nobody-" + WORLD.suffix)).get("/api/v1/study/me").then()
                .statusCode(200).body("personId", equalTo(null)).body("points.balance", equalTo(0));
        given().get("/api/v1/study/me").then().statusCode(401);
    }

    @Test
    void sessionsIAmExpectedAtReflectionsIReviewAndLectureOrdersIAnswer() {
        OffsetDateTime soon = OffsetDateTime.now(CHINA).plusDays(3).withNano(0);
        String upcoming = as(admin(WORLD.villageA)).body("""
                {"kind": "BENCH_CLASS", "title": "板凳课堂：乡村振兴", "gridNodeId": "%s", "orgId": "%s",
                 "startsAt": "%s"}""".formatted(WORLD.villageA, WORLD.orgA, soon))
                .post("/api/v1/study/sessions").then().statusCode(201).extract().path("id");
        String past = as(admin(WORLD.villageA)).body("""
                {"kind": "BENCH_CLASS", "title": "上月的板凳课堂", "gridNodeId": "%s", "orgId": "%s",
                 "startsAt": "%s"}""".formatted(WORLD.villageA, WORLD.orgA, soon.minusDays(40)))
                .post("/api/v1/study/sessions").then().statusCode(201).extract().path("id");

        JsonPath chen = work(member(WORLD.chen));
        assertThat(ids(chen, "SESSION_EXPECTED")).contains(upcoming).doesNotContain(past);
        assertThat(chen.getString("items.find { it.id == '" + upcoming + "' }.href"))
                .isEqualTo("/api/v1/study/sessions/" + upcoming);
        assertThat(chen.getString("items.find { it.id == '" + upcoming + "' }.title")).isEqualTo("板凳课堂：乡村振兴");
        assertThat(ids(work(member(WORLD.wang)), "SESSION_EXPECTED")).doesNotContain(upcoming);

        // attended: no longer expected
        as(admin(WORLD.villageA)).body("""
                {"entries": [{"subject": "%s", "personId": "%s", "personName": "陈党员", "status": "PRESENT"}]}"""
                .formatted(WORLD.chen, WORLD.chenPerson))
                .put("/api/v1/study/sessions/" + upcoming + "/attendance").then().statusCode(200);
        assertThat(ids(work(member(WORLD.chen)), "SESSION_EXPECTED")).doesNotContain(upcoming);

        String reflection = as(WORLD.member(WORLD.li, WORLD.villageA))
                .body("{\"sessionId\": \"" + past + "\", \"text\": \"收获很大\"}")
                .post("/api/v1/study/reflections").then().statusCode(201).extract().path("id");
        JsonPath secretary = work(member(SECRETARY));
        assertThat(ids(secretary, "REFLECTION_TO_REVIEW")).contains(reflection);
        assertThat(secretary.getString("items.find { it.id == '" + reflection + "' }.title"))
                .isEqualTo("上月的板凳课堂");
        assertThat(secretary.getMap("counts")).containsKeys("SESSION_EXPECTED", "REFLECTION_TO_REVIEW",
                "LECTURE_ORDER_TO_ACCEPT");
        // a plain member reviews nothing, nor does the author
        assertThat(ids(work(member(WORLD.chen)), "REFLECTION_TO_REVIEW")).isEmpty();
        assertThat(ids(work(member(WORLD.li)), "REFLECTION_TO_REVIEW")).isEmpty();

        String speaker = "speaker-" + WORLD.suffix;
        String lecture = as(admin(WORLD.town)).body("""
                {"kind": "MICRO_LECTURE", "title": "微党课：春华秋实", "author": "吴辉",
                 "speakerSubject": "%s", "offered": true, "durationMinutes": 30}""".formatted(speaker))
                .post("/api/v1/study/materials").then().statusCode(201).extract().path("id");
        String order = as(admin(WORLD.villageA)).body("""
                {"materialId": "%s", "orgId": "%s", "wantedAt": "%s", "place": "龙王庙村屋场"}"""
                .formatted(lecture, WORLD.orgA, soon))
                .post("/api/v1/study/lecture-orders").then().statusCode(201).extract().path("id");
        JsonPath asked = work(member(speaker));
        assertThat(ids(asked, "LECTURE_ORDER_TO_ACCEPT")).containsExactly(order);
        assertThat(asked.getString("items[0].title")).isEqualTo("微党课：春华秋实");
        assertThat(asked.getString("items[0].gridNodeId")).isEqualTo(WORLD.villageA.toString());
        assertThat(ids(work(member(WORLD.chen)), "LECTURE_ORDER_TO_ACCEPT")).isEmpty();
    }

    static JsonPath work(String token) {
        return given().header("Authorization", token).get("/api/v1/study/me/work").then().statusCode(200)
                .extract().jsonPath();
    }

    static List<String> ids(JsonPath work, String kind) {
        return work.getList("items.findAll { it.kind == '" + kind + "' }.id");
    }
}
