package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
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
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class MaterialResourceTest {

    static final StudyWorld WORLD = new StudyWorld();

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void world() {
        WORLD.ensure(dataSource);
    }

    static String lecture(String title, String tag) {
        return """
                {"kind": "MICRO_LECTURE", "title": "%s", "author": "吴辉", "speakerSubject": "wu.hui",
                 "offered": true, "durationMinutes": 30, "tags": ["%s", "乡村振兴"],
                 "description": "本土讲师开发的庭院微党课", "url": "https://example.cn/lectures/1"}"""
                .formatted(title, tag);
    }

    @Test
    void createsReadsAndReplacesAnEntryWithIfMatch() {
        String id = as(admin(WORLD.villageA)).body(lecture("从“春华”到“秋实”", "t-" + WORLD.suffix))
                .post("/api/v1/study/materials")
                .then().statusCode(201).header("ETag", equalTo("\"0\"")).header("Location", containsString(""))
                .body("kind", equalTo("MICRO_LECTURE")).body("offered", equalTo(true))
                .body("tags", hasItem("乡村振兴"))
                .extract().path("id");
        // every role reads the catalogue, citizens too
        as("Bearer " + TestJwt.token("c", null, Roles.CITIZEN)).get("/api/v1/study/materials/" + id)
                .then().statusCode(200).body("author", equalTo("吴辉"));

        String film = """
                {"kind": "FILM", "title": "解码中部崛起——促进城乡融合", "durationMinutes": 45}""";
        as(admin(WORLD.villageA)).body(film).put("/api/v1/study/materials/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        as(admin(WORLD.villageA)).header("If-Match", "\"7\"").body(film).put("/api/v1/study/materials/" + id)
                .then().statusCode(412);
        as(admin(WORLD.villageA)).header("If-Match", "\"0\"").body(film).put("/api/v1/study/materials/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("kind", equalTo("FILM"))
                .body("offered", equalTo(false)).body("speakerSubject", nullValue()).body("tags", hasSize(0));
        // another branch's administrator does not edit it; the town's (above it) and the district's do
        as(admin(WORLD.villageB)).header("If-Match", "\"1\"").body(film).put("/api/v1/study/materials/" + id)
                .then().statusCode(403);
        as(admin(WORLD.town)).header("If-Match", "\"1\"").body(film).put("/api/v1/study/materials/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"2\""));
        as(district()).header("If-Match", "\"2\"").body(film).put("/api/v1/study/materials/" + id)
                .then().statusCode(200);
        as(admin(WORLD.villageA)).header("If-Match", "\"0\"").body(film).put("/api/v1/study/materials/"
                + UUID.randomUUID()).then().statusCode(404);
        as(admin(WORLD.villageA)).get("/api/v1/study/materials/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void refusesInvalidEntriesAndNonEditors() {
        as(admin(WORLD.villageA)).body("{\"kind\": \"BOOK\"}").post("/api/v1/study/materials")
                .then().statusCode(400).body("errors.field", hasItem("title"));
        as(admin(WORLD.villageA)).body("{\"kind\": \"BOOK\", \"title\": \"论中国共产党历史\", \"offered\": true}")
                .post("/api/v1/study/materials").then().statusCode(400).body("errors[0].field", equalTo("offered"));
        as(admin(WORLD.villageA)).body("""
                {"kind": "MICRO_LECTURE", "title": "无人主讲", "offered": true, "author": "李书记"}""")
                .post("/api/v1/study/materials").then().statusCode(400)
                .body("errors[0].field", equalTo("speakerSubject"));
        as(admin(WORLD.villageA)).body("{\"kind\": \"ARTICLE\", \"title\": \"x\", \"url\": \"ftp://x\"}")
                .post("/api/v1/study/materials").then().statusCode(400).body("errors[0].field", containsString("url"));
        as(admin(WORLD.villageA)).body("{\"kind\": \"PODCAST\", \"title\": \"x\"}")
                .post("/api/v1/study/materials").then().statusCode(400);
        as(WORLD.member(WORLD.chen, WORLD.villageA)).body(lecture("x", "y")).post("/api/v1/study/materials")
                .then().statusCode(403);
    }

    @Test
    void listsFilteredByKindTagAndTextWithACursor() {
        String tag = "list-" + WORLD.suffix;
        String first = as(admin(WORLD.villageA)).body(lecture("红军长征过沾益", tag)).post("/api/v1/study/materials")
                .then().statusCode(201).extract().path("id");
        String second = as(admin(WORLD.villageA)).body(lecture("百年党史微党课", tag)).post("/api/v1/study/materials")
                .then().statusCode(201).extract().path("id");
        as(district()).body("{\"kind\": \"BOOK\", \"title\": \"中国共产党简史\", \"tags\": [\"" + tag + "\"]}")
                .post("/api/v1/study/materials").then().statusCode(201);

        String cursor = as(WORLD.member(WORLD.chen, WORLD.villageA)).queryParam("tag", tag)
                .queryParam("kind", "MICRO_LECTURE").queryParam("offered", true).queryParam("limit", 1)
                .get("/api/v1/study/materials")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(second))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        as(WORLD.member(WORLD.chen, WORLD.villageA)).queryParam("tag", tag).queryParam("kind", "MICRO_LECTURE")
                .queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/study/materials")
                .then().statusCode(200).body("items[0].id", equalTo(first)).body("nextCursor", nullValue());
        as(district()).queryParam("tag", tag).queryParam("q", "长征").get("/api/v1/study/materials")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(first));
        as(district()).queryParam("tag", tag).queryParam("kind", "BOOK").get("/api/v1/study/materials")
                .then().statusCode(200).body("items", hasSize(1)).body("items.id", not(hasItem(first)));
        as(district()).queryParam("cursor", "not-a-cursor").get("/api/v1/study/materials").then().statusCode(400);
    }
}
