package cn.grid.gateway;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/v1/me and /api/v1/me/work composed from the services' own /me answers (stand-in services, see
 * {@link FakeUpstreams#workList(String)}): what each is asked with which token, how the work lists merge, and what a
 * slow service or a login without a person gives.
 */
@QuarkusTest
class MyHomeTest {

    static String bearer(String subject) {
        return "Bearer " + TestJwt.token(subject, null, Roles.PARTY_MEMBER);
    }

    @Test
    void theWorkListsOfTheThreeServicesMergeByDeadlineAndTheirCountsAdd() {
        String token = bearer("member-home-1");
        JsonPath work = given().header("Authorization", token).header("X-Request-Id", "home-1")
                .when().get("/api/v1/me/work")
                .then().statusCode(200).contentType("application/json").header("X-Request-Id", "home-1")
                .header("Cache-Control", "no-store")
                .extract().jsonPath();
        assertThat(work.getBoolean("partial")).isFalse();
        assertThat(work.getList("missing")).isEmpty();
        // soonest first (request's 1 December, then study's 10 December), every item without a deadline after them
        List<String> ids = work.getList("items.id");
        assertThat(ids).hasSize(6);
        assertThat(ids.subList(0, 2)).containsExactly("request-1", "study-1");
        assertThat(ids.subList(2, 6)).containsExactlyInAnyOrder("grid-1", "grid-2", "study-2", "request-2");
        assertThat(work.getMap("counts")).containsEntry("GRID_KIND", 2).containsEntry("STUDY_KIND", 2)
                .containsEntry("REQUEST_KIND", 2).containsEntry("SHARED_KIND", 3);
        assertThat(work.getBoolean("truncated")).isTrue();
        assertThat(work.getString("items[0].href")).isEqualTo("/api/v1/request/1");
    }

    @Test
    void meIsThePersonThePointsAndTheCountsOfOpenWork() {
        String token = bearer("member-home-2");
        JsonPath me = given().header("Authorization", token)
                .when().get("/api/v1/me")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(me.getBoolean("partial")).isFalse();
        // each service was asked its own /me with the caller's token
        assertThat(me.getString("person.service")).isEqualTo("grid");
        assertThat(me.getString("person.path")).isEqualTo("/api/v1/people/me");
        assertThat(me.getList("person.headers.authorization")).containsExactly(token);
        assertThat(me.getString("points.service")).isEqualTo("study");
        assertThat(me.getString("points.path")).isEqualTo("/api/v1/study/me");
        assertThat(me.getList("points.headers.authorization")).containsExactly(token);
        assertThat(me.getMap("openWork.counts")).containsEntry("SHARED_KIND", 3).containsEntry("GRID_KIND", 2);
        assertThat(me.getInt("openWork.total")).isEqualTo(9);
        // the inbox is asked for its smallest page, and only its unread count is shown
        assertThat(me.getMap("notifications")).containsOnlyKeys("unreadCount");
        assertThat(me.getInt("notifications.unreadCount")).isEqualTo(FakeUpstreams.UNREAD);
    }

    @Test
    void aSlowInboxIsLeftOutOfMeAndTheRestStillComes() {
        JsonPath me = given().header("Authorization", bearer(FakeUpstreams.SLOW_NOTIFICATION_SUBJECT))
                .when().get("/api/v1/me")
                .then().statusCode(200).extract().jsonPath();
        assertThat(me.getBoolean("partial")).isTrue();
        assertThat(me.getMap("notifications")).isNull();
        assertThat(me.getList("missing.part")).contains("notifications");
        assertThat(me.getList("missing.service")).contains("notification-service");
        assertThat(me.getList("missing.detail")).anySatisfy(d -> assertThat(d).asString().startsWith("did not answer"));
    }

    @Test
    void aLoginWithoutAPersonHasNoPersonButStillItsPointsAndWork() {
        JsonPath me = given().header("Authorization", bearer(FakeUpstreams.UNLINKED_SUBJECT))
                .when().get("/api/v1/me")
                .then().statusCode(200).extract().jsonPath();
        assertThat(me.getMap("person")).isNull();
        // grid-service's 404 is an answer, not a missing part (on a loaded machine another part may miss its timeout)
        assertThat(me.getList("missing.part")).doesNotContain("person");
        if (!me.getList("missing.part").contains("points")) {
            assertThat(me.getString("points.service")).isEqualTo("study");
        }
    }

    @Test
    void aSlowServiceIsLeftOutAndNamed() {
        String token = bearer(FakeUpstreams.SLOW_STUDY_SUBJECT);
        JsonPath work = given().header("Authorization", token)
                .when().get("/api/v1/me/work")
                .then().statusCode(200).extract().jsonPath();
        assertThat(work.getBoolean("partial")).isTrue();
        assertThat(work.getList("missing.part")).containsExactly("study");
        assertThat(work.getList("missing.service")).containsExactly("study-service");
        assertThat(work.getInt("missing[0].status")).isEqualTo(504);
        assertThat(work.getString("missing[0].detail")).startsWith("did not answer within");
        assertThat(work.getList("items.id")).containsExactlyInAnyOrder("request-1", "grid-1", "grid-2", "request-2");
        assertThat(work.getMap("counts")).containsEntry("SHARED_KIND", 2).doesNotContainKey("STUDY_KIND");

        JsonPath me = given().header("Authorization", token).when().get("/api/v1/me")
                .then().statusCode(200).extract().jsonPath();
        assertThat(me.getBoolean("partial")).isTrue();
        assertThat(me.getList("missing.part")).containsExactly("study");
        assertThat(me.getInt("openWork.total")).isEqualTo(6);
    }

    @Test
    void withoutATokenThereIsNoHomeScreen() {
        given().when().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/v1/me/work").then().statusCode(401).contentType("application/problem+json");
    }
}
