package cn.grid.study.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.grid.study.api.StudyWorld.admin;
import static cn.grid.study.api.StudyWorld.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A client's retry with the same Idempotency-Key (the gateway retries a POST after a transport failure only with
 * one) never records a second session, places a second lecture order or adds a second catalogue entry — and a
 * replayed session credits its speaker's LECTURE points and announces itself only once.
 */
@QuarkusTest
class IdempotentCreatesTest {

    static final StudyWorld WORLD = new StudyWorld();
    static final String SESSIONS = "/api/v1/study/sessions";
    static final String ORDERS = "/api/v1/study/lecture-orders";
    static final String MATERIALS = "/api/v1/study/materials";
    static final OffsetDateTime WANTED = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(20)
            .truncatedTo(ChronoUnit.HOURS);
    private static String film;
    private static String book;
    private static String lecture;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
        if (lecture == null) {
            film = as(admin(WORLD.town)).body("""
                    {"kind": "FILM", "title": "解码中部崛起 %s", "durationMinutes": 45}""".formatted(WORLD.suffix))
                    .post(MATERIALS).then().statusCode(201).extract().path("id");
            book = as(admin(WORLD.town)).body("""
                    {"kind": "BOOK", "title": "习近平新时代中国特色社会主义思想学习问答 %s"}""".formatted(WORLD.suffix))
                    .post(MATERIALS).then().statusCode(201).extract().path("id");
            lecture = as(admin(WORLD.town)).body("""
                    {"kind": "MICRO_LECTURE", "title": "屋场微党课 %s", "author": "吴辉", "speakerSubject": "wu-%s",
                     "offered": true, "durationMinutes": 30}""".formatted(WORLD.suffix, WORLD.suffix))
                    .post(MATERIALS).then().statusCode(201).extract().path("id");
        }
    }

    static Response post(String path, String token, String key, String body) {
        var request = as(token).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post(path);
    }

    String session(String title, String... materials) {
        return """
                {"kind": "MICRO_LECTURE", "title": "%s", "gridNodeId": "%s", "orgId": "%s",
                 "startsAt": "2026-11-20T19:30:00+08:00", "durationMinutes": 45, "place": "龙王庙村党群服务中心",
                 "speaker": "陈党员", "speakerSubject": "%s", "materialIds": [%s], "nonMemberAudience": 12}"""
                .formatted(title, WORLD.villageA, WORLD.orgA, WORLD.chen,
                        String.join(", ", List.of(materials).stream().map(m -> "\"" + m + "\"").toList()));
    }

    String order(String place) {
        return """
                {"materialId": "%s", "orgId": "%s", "wantedAt": "%s", "place": "%s"}"""
                .formatted(lecture, WORLD.orgA, WANTED, place);
    }

    static String material(String title, String... tags) {
        return """
                {"kind": "ARTICLE", "title": "%s", "author": "人民日报评论员", "tags": [%s],
                 "description": "学习心得", "url": "https://example.cn/articles/1"}"""
                .formatted(title, String.join(", ", List.of(tags).stream().map(t -> "\"" + t + "\"").toList()));
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

    long sessionsTitled(String title) throws SQLException {
        return count("select count(*) from study_session where title = ?", title);
    }

    long lectureCredits(String session) throws SQLException {
        return count("select count(*) from points_entry where activity = 'LECTURE' and source_id = ?", session);
    }

    long outbox(String type, String key) throws SQLException {
        return count("select count(*) from outbox_event where event_type = '" + type + "' and event_key = ?", key);
    }

    @Test
    void aRetriedSessionIsTheFirstSessionCreditedAndAnnouncedOnce() throws SQLException {
        String admin = admin(WORLD.villageA);
        String key = UUID.randomUUID().toString();
        String title = "百年党史微党课 " + UUID.randomUUID();
        String first = post(SESSIONS, admin, key, session(title, film, book)).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        // the retry: the same key and body — its materials listed in another order are the same request
        post(SESSIONS, admin, key, session(title, book, film)).then().statusCode(201)
                .header("Idempotency-Replayed", "true")
                .header("Location", endsWith("/api/v1/study/sessions/" + first))
                .body("id", equalTo(first)).body("title", equalTo(title))
                .body("materialIds.size()", equalTo(2));

        assertThat(sessionsTitled(title)).as("one session").isEqualTo(1);
        assertThat(lectureCredits(first)).as("LECTURE points credited once").isEqualTo(1);
        assertThat(outbox("cn.grid.study.session.recorded.v1", first)).as("announced once").isEqualTo(1);
        assertThat(count("select count(*) from outbox_event where event_type = 'cn.grid.study.points.awarded.v1' "
                + "and payload like ?", "%\"sourceId\":\"" + first + "\"%")).as("one points.awarded").isEqualTo(1);

        // the same key with another body is refused, and records nothing
        post(SESSIONS, admin, key, session(title + " 第二讲", film, book)).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/idempotency-key-reused"));
        assertThat(sessionsTitled(title + " 第二讲")).isZero();
        // the same key from another caller is another session
        String other = post(SESSIONS, admin(WORLD.town), key, session(title, film, book)).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        assertThat(other).isNotEqualTo(first);
        // a malformed key is a 400
        post(SESSIONS, admin, "has space", session(title)).then().statusCode(400)
                .contentType("application/problem+json");

        // without a key each call records another session, each crediting its speaker
        String without = "板凳课堂 " + UUID.randomUUID();
        String a = post(SESSIONS, admin, null, session(without)).then().statusCode(201).extract().path("id");
        String b = post(SESSIONS, admin, null, session(without)).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        assertThat(a).isNotEqualTo(b);
        assertThat(sessionsTitled(without)).isEqualTo(2);
        assertThat(lectureCredits(a)).isEqualTo(1);
        assertThat(lectureCredits(b)).isEqualTo(1);
    }

    @Test
    void parallelRetriesRecordExactlyOneSession() throws Exception {
        String key = UUID.randomUUID().toString();
        String title = "巡讲 " + UUID.randomUUID();
        String body = session(title, film);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> post(SESSIONS, admin(WORLD.villageA), key, body).then().statusCode(201)
                        .extract().path("id"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(1);
            assertThat(sessionsTitled(title)).isEqualTo(1);
            assertThat(lectureCredits(ids.iterator().next())).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetriedLectureOrderIsTheFirstOrder() throws SQLException {
        String admin = admin(WORLD.villageA);
        String key = UUID.randomUUID().toString();
        String place = "龙王庙村屋场 " + UUID.randomUUID();
        String first = post(ORDERS, admin, key, order(place)).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        post(ORDERS, admin, key, order(place)).then().statusCode(201)
                .header("Idempotency-Replayed", "true")
                .header("Location", endsWith("/api/v1/study/lecture-orders/" + first))
                .body("id", equalTo(first)).body("status", equalTo("REQUESTED"));
        assertThat(count("select count(*) from study_lecture_order where place = ?", place)).isEqualTo(1);
        assertThat(outbox("cn.grid.study.lecture-order.placed.v1", first)).as("announced once").isEqualTo(1);

        post(ORDERS, admin, key, order(place + " 改")).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/idempotency-key-reused"));
        assertThat(count("select count(*) from study_lecture_order where place = ?", place + " 改")).isZero();

        String without = "河西村屋场 " + UUID.randomUUID();
        String a = post(ORDERS, admin, null, order(without)).then().statusCode(201).extract().path("id");
        String b = post(ORDERS, admin, null, order(without)).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        assertThat(a).isNotEqualTo(b);
        assertThat(count("select count(*) from study_lecture_order where place = ?", without)).isEqualTo(2);
    }

    @Test
    void aRetriedMaterialIsTheFirstEntry() throws SQLException {
        String admin = admin(WORLD.villageA);
        String key = UUID.randomUUID().toString();
        String title = "以学铸魂 " + UUID.randomUUID();
        String first = post(MATERIALS, admin, key, material(title, "理论学习", "乡村振兴")).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        // tags are a set: another order is the same request
        post(MATERIALS, admin, key, material(title, "乡村振兴", "理论学习")).then().statusCode(201)
                .header("Idempotency-Replayed", "true")
                .header("Location", endsWith("/api/v1/study/materials/" + first))
                .body("id", equalTo(first)).body("title", equalTo(title));
        assertThat(count("select count(*) from study_material where title = ?", title)).isEqualTo(1);

        post(MATERIALS, admin, key, material(title, "理论学习")).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/idempotency-key-reused"));

        String without = "以学增智 " + UUID.randomUUID();
        String a = post(MATERIALS, admin, null, material(without)).then().statusCode(201).extract().path("id");
        String b = post(MATERIALS, admin, null, material(without)).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        assertThat(a).isNotEqualTo(b);
        assertThat(count("select count(*) from study_material where title = ?", without)).isEqualTo(2);
    }
}
