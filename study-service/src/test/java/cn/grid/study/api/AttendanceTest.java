package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.EventContract;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** 签到 in batches: points follow, corrections need a reason and are audited, scope applies. */
@QuarkusTest
class AttendanceTest {

    static final String ADMIN = "Bearer " + TestJwt.token("att-admin", null, Roles.DISTRICT_ADMIN);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EntityManagerFactory entityManagerFactory;

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

    /** A batch body: line i is subject {@code prefix + i} with {@code status.apply(i)}. */
    static String batch(String prefix, int lines, IntFunction<String> status, String reason) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"subject\": \"").append(prefix).append(i)
                    .append("\", \"status\": \"").append(status.apply(i)).append("\"}");
        }
        return "{\"entries\": [" + entries + "]" + (reason == null ? "" : ", \"reason\": \"" + reason + "\"") + "}";
    }

    /** Per subject: [credits, reversals] of ATTENDANCE for the session, from the ledger itself. */
    Map<String, List<Long>> ledger(String session) throws SQLException {
        Map<String, List<Long>> bySubject = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select subject, count(*) filter (where reverses is null), count(*) filter (where reverses is not null)
                from points_entry where activity = 'ATTENDANCE' and source_id = ? group by subject""")) {
            s.setString(1, session);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    bySubject.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return bySubject;
    }

    long count(String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aLargeBatchCreditsEachAttendingLineOnceARepeatCreditsNothingAndACorrectionReverses() throws Exception {
        String session = session(UUID.randomUUID());
        String prefix = "bat-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int lines = 60;
        // a member known through grid events, marked without a person id: the batch finds the person
        PracticeAndPointsTest.Member known = PracticeAndPointsTest.member("钱党员", PracticeAndPointsTest.org());
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from party_org_member_view where subject = ?", known.subject()) == 1);
        IntFunction<String> first = i -> i % 3 == 0 ? "PRESENT" : i % 3 == 1 ? "LATE" : i % 2 == 0 ? "ABSENT" : "EXCUSED";
        String firstBatch = batch(prefix, lines, first, null).replace("]",
                ", {\"subject\": \"" + known.subject() + "\", \"status\": \"PRESENT\"}]");
        mark(ADMIN, session, firstBatch).statusCode(200).body("recorded", equalTo(lines + 1))
                .body("corrected", equalTo(0)).body("unchanged", equalTo(0));

        Map<String, List<Long>> afterFirst = ledger(session);
        for (int i = 0; i < lines; i++) {
            boolean attended = i % 3 != 2;
            assertThat(afterFirst.get(prefix + i)).as("line %d", i).isEqualTo(attended ? List.of(1L, 0L) : null);
        }
        assertThat(afterFirst.get(known.subject())).isEqualTo(List.of(1L, 0L));
        assertThat(count("select count(*) from points_entry where source_id = ? and person_id is not null", session))
                .as("only the known member's credit names a person").isEqualTo(1);
        assertThat(count("select count(*) from session_attendance where session_id = cast(? as uuid) "
                + "and person_id is not null", session)).isEqualTo(1);
        String awarded = "select count(*) from outbox_event where event_type = 'cn.grid.study.points.awarded.v1' "
                + "and payload like ?";
        long credits = lines * 2 / 3 + 1;
        assertThat(count(awarded, "%\"sourceId\":\"" + session + "\"%")).as("one event per entry")
                .isEqualTo(credits);

        // the same batch again: nothing recorded, nothing credited
        mark(ADMIN, session, firstBatch).statusCode(200).body("unchanged", equalTo(lines + 1));
        assertThat(ledger(session)).isEqualTo(afterFirst);

        // every line corrected: the attended lose their credit (a reversal), the others gain one
        IntFunction<String> flipped = i -> i % 3 == 2 ? "PRESENT" : "ABSENT";
        String correction = batch(prefix, lines, flipped, "核对签到表");
        mark(ADMIN, session, correction).statusCode(200).body("corrected", equalTo(lines))
                .body("recorded", equalTo(0));
        mark(ADMIN, session, correction).statusCode(200).body("unchanged", equalTo(lines));
        Map<String, List<Long>> afterCorrection = ledger(session);
        for (int i = 0; i < lines; i++) {
            boolean attendedFirst = i % 3 != 2;
            assertThat(afterCorrection.get(prefix + i)).as("line %d", i)
                    .isEqualTo(attendedFirst ? List.of(1L, 1L) : List.of(1L, 0L));
        }
        assertThat(count("select count(*) from attendance_change where session_id = cast(? as uuid)", session))
                .isEqualTo(2L * lines + 1);
        assertThat(count("select count(*) from attendance_change where session_id = cast(? as uuid) "
                + "and reason = '核对签到表'", session)).isEqualTo(lines);
        assertThat(count(awarded, "%\"sourceId\":\"" + session + "\"%")).isEqualTo(credits + lines);

        // the events of one line, in order, with the balance after each entry
        List<String> events = PracticeAndPointsTest.studyEvents(prefix + 0, 2);
        assertThat(events.get(0)).contains("\"points\":1", "\"balance\":1");
        assertThat(events.get(1)).contains("\"points\":-1", "\"balance\":0", "签到更正为 ABSENT: 核对签到表");
    }

    @Test
    void aBatchCostsTheSameNumberOfStatementsWhateverItsSize() {
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        String prefix = "cost-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String small = session(UUID.randomUUID());
        String large = session(UUID.randomUUID());
        IntFunction<String> half = i -> i % 2 == 0 ? "PRESENT" : "ABSENT";

        long before = statistics.getPrepareStatementCount();
        mark(ADMIN, small, batch(prefix, 5, half, null)).statusCode(200).body("recorded", equalTo(5));
        long smallBatch = statistics.getPrepareStatementCount() - before;
        before = statistics.getPrepareStatementCount();
        mark(ADMIN, large, batch(prefix, 300, half, null)).statusCode(200).body("recorded", equalTo(300));
        long largeBatch = statistics.getPrepareStatementCount() - before;
        System.out.printf("attendance batch: 5 lines %d statements, 300 lines %d statements%n", smallBatch, largeBatch);
        // line by line, 300 lines took about 3,000 statements; a little slack for other work of the service
        assertThat(largeBatch).isLessThanOrEqualTo(smallBatch + 5);
    }

    @Test
    void overlappingBatchesAtTheSameTimeCreditEachMemberOnce() throws Exception {
        String session = session(UUID.randomUUID());
        String prefix = "par-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int lines = 40;
        String forward = batch(prefix, lines, i -> "PRESENT", null);
        String backward = batch(prefix, lines, i -> "PRESENT", null);
        // the same members in the opposite order
        List<String> reversed = new java.util.ArrayList<>(List.of(backward.substring(backward.indexOf('[') + 1,
                backward.indexOf(']')).split("(?<=\\}),")));
        java.util.Collections.reverse(reversed);
        String backwardBody = "{\"entries\": [" + String.join(",", reversed) + "]}";
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> mark(ADMIN, session, forward).extract().statusCode());
            Future<Integer> b = pool.submit(() -> mark(ADMIN, session, backwardBody).extract().statusCode());
            assertThat(List.of(a.get(), b.get())).containsExactly(200, 200);
        } finally {
            pool.shutdown();
        }
        Map<String, List<Long>> credits = ledger(session);
        assertThat(credits).hasSize(lines);
        assertThat(credits.values()).allMatch(c -> c.equals(List.of(1L, 0L)));
    }
}
