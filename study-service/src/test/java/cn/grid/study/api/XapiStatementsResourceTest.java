package cn.grid.study.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import cn.grid.testsupport.TestRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The xAPI 1.0.3 Statement Resource: store, read, query, page, void, duplicates, headers, validation, auth. */
@QuarkusTest
class XapiStatementsResourceTest {

    /**
     * An LRS-wide service token: it may record statements about any learner (the actors here are mbox learners from
     * outside the registry, which a party member may not name: see XapiActorRightsTest).
     */
    static final String LRS = "Bearer " + TestJwt.token("lrs-7", null, Roles.SERVICE);
    static final String COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
    static final String ATTENDED = "http://adlnet.gov/expapi/verbs/attended";

    private static boolean registered;

    /** The tokens claim no role the suite believes: the registry makes member-7 a party member. */
    @BeforeEach
    void registerTheMember() {
        if (!registered) {
            registered = true;
            UUID node = UUID.randomUUID();
            TestRegistry.assign("member-7", node, "/" + node + "/", "PARTY_MEMBER");
        }
    }

    static RequestSpecification xapi() {
        return given().header("Authorization", LRS).header("X-Experience-API-Version", "1.0.3");
    }

    /** A fresh learner per test, so other tests' statements never shift a filter's results. */
    static String learner() {
        return "mailto:learner-" + UUID.randomUUID() + "@grid.example";
    }

    static String statement(String id, String mbox, String verb, String activity) {
        return """
                {%s"actor": {"objectType": "Agent", "name": "李明", "mbox": "%s"},
                 "verb": {"id": "%s", "display": {"zh-CN": "完成", "en-US": "completed"}},
                 "object": {"objectType": "Activity", "id": "%s",
                            "definition": {"name": {"zh-CN": "百年党史微党课", "en-US": "Party history micro-lecture"}}},
                 "result": {"completion": true, "duration": "PT45M", "score": {"scaled": 0.9, "raw": 9, "min": 0, "max": 10}},
                 "context": {"registration": "6e7b3c1a-1f2e-4b5e-9c0d-1a2b3c4d5e6f", "language": "zh-CN",
                             "contextActivities": {"parent": [{"id": "https://study.grid.example/courses/history"}]}}}"""
                .formatted(id == null ? "" : "\"id\": \"" + id + "\", ", mbox, verb, activity);
    }

    static String post(String body) {
        return xapi().contentType(ContentType.JSON).body(body).when().post("/xapi/statements")
                .then().statusCode(200).extract().jsonPath().getString("[0]");
    }

    @Test
    void postsOneStatementAndReadsItBackWithTheLrsProperties() {
        String mbox = learner();
        String activity = "https://study.grid.example/lectures/" + UUID.randomUUID();
        Response posted = xapi().contentType(ContentType.JSON).body(statement(null, mbox, COMPLETED, activity))
                .when().post("/xapi/statements");
        posted.then().statusCode(200).header("X-Experience-API-Version", "1.0.3").body("$", hasSize(1));
        String id = posted.jsonPath().getString("[0]");
        assertThat(UUID.fromString(id)).isNotNull();

        Response read = xapi().queryParam("statementId", id).when().get("/xapi/statements");
        read.then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Experience-API-Version", "1.0.3")
                .header("X-Experience-API-Consistent-Through", notNullValue())
                .header("Last-Modified", notNullValue())
                .body("id", equalTo(id))
                .body("actor.mbox", equalTo(mbox))
                .body("actor.name", equalTo("李明"))
                .body("verb.display.'zh-CN'", equalTo("完成"))
                .body("object.definition.name.'en-US'", equalTo("Party history micro-lecture"))
                .body("result.score.scaled", equalTo(0.9f))
                .body("version", equalTo("1.0.0"))
                .body("authority.objectType", equalTo("Agent"))
                .body("authority.account.homePage", equalTo(TestJwt.ISSUER))
                .body("authority.account.name", equalTo("lrs-7"));
        read.then().header("Date", notNullValue());
        String stored = read.jsonPath().getString("stored");
        assertThat(read.jsonPath().getString("timestamp")).as("timestamp defaults to stored").isEqualTo(stored);
        OffsetDateTime through = OffsetDateTime.parse(read.header("X-Experience-API-Consistent-Through"));
        assertThat(through).isAfterOrEqualTo(OffsetDateTime.parse(stored));

        // the authority a client sends is replaced by the one of its token
        String withAuthority = statement(null, learner(), COMPLETED, activity).replaceFirst("\\{",
                "{\"authority\": {\"mbox\": \"mailto:someone-else@grid.example\"}, ");
        String other = post(withAuthority);
        xapi().queryParam("statementId", other).get("/xapi/statements").then().statusCode(200)
                .body("authority.account.name", equalTo("lrs-7")).body("authority.mbox", nullValue());
    }

    @Test
    void postsABatchAndKeepsTheClientsIdsAndTimestamp() {
        String mbox = learner();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String withTimestamp = statement(b, mbox, ATTENDED, "https://study.grid.example/x").replaceFirst("\\{",
                "{\"timestamp\": \"2026-11-20T19:30:00+08:00\", ");
        xapi().contentType(ContentType.JSON)
                .body("[" + statement(a, mbox, COMPLETED, "https://study.grid.example/x") + "," + withTimestamp + "]")
                .when().post("/xapi/statements")
                .then().statusCode(200).body("$", equalTo(List.of(a, b)));
        xapi().queryParam("statementId", b).get("/xapi/statements").then().statusCode(200)
                .body("timestamp", equalTo("2026-11-20T19:30:00+08:00"));
        // two statements with one id in one batch: the batch is refused, neither is stored
        String c = UUID.randomUUID().toString();
        xapi().contentType(ContentType.JSON)
                .body("[" + statement(c, mbox, COMPLETED, "https://study.grid.example/x") + ","
                        + statement(c, mbox, ATTENDED, "https://study.grid.example/x") + "]")
                .when().post("/xapi/statements")
                .then().statusCode(400).body("errors[0].field", equalTo("[1].id"));
        xapi().queryParam("statementId", c).get("/xapi/statements").then().statusCode(404);
    }

    @Test
    void putStoresUnderTheIdAndDuplicatesAre204Or409() {
        String id = UUID.randomUUID().toString();
        String mbox = learner();
        String body = statement(null, mbox, COMPLETED, "https://study.grid.example/put");
        xapi().contentType(ContentType.JSON).queryParam("statementId", id).body(body)
                .when().put("/xapi/statements")
                .then().statusCode(204).header("X-Experience-API-Version", "1.0.3");
        xapi().queryParam("statementId", id).get("/xapi/statements").then().statusCode(200).body("id", equalTo(id));

        // the same statement again, reordered, with another timestamp and the id in the body: 204, nothing changes
        String same = """
                {"id": "%s", "timestamp": "2020-01-01T00:00:00Z",
                 "object": {"id": "https://study.grid.example/put", "definition": {"name": {"en-US": "another definition"}}},
                 "verb": {"display": {"en-US": "COMPLETED", "zh-CN": "完成"}, "id": "%s"},
                 "actor": {"mbox": "%s", "name": "李明"},
                 "result": {"completion": true, "duration": "PT45M", "score": {"scaled": 0.90, "raw": 9.0, "min": 0, "max": 10}},
                 "context": {"registration": "6E7B3C1A-1F2E-4B5E-9C0D-1A2B3C4D5E6F", "language": "zh-CN",
                             "contextActivities": {"parent": [{"id": "https://study.grid.example/courses/history"}]}}}"""
                .formatted(id, COMPLETED, mbox);
        String storedBefore = xapi().queryParam("statementId", id).get("/xapi/statements").jsonPath().getString("stored");
        xapi().contentType(ContentType.JSON).queryParam("statementId", id).body(same)
                .when().put("/xapi/statements").then().statusCode(204);
        // and by POST: the id comes back, no second copy
        xapi().contentType(ContentType.JSON).body(same).when().post("/xapi/statements")
                .then().statusCode(200).body("$", equalTo(List.of(id)));
        xapi().queryParam("statementId", id).get("/xapi/statements").then().statusCode(200)
                .body("stored", equalTo(storedBefore))
                .body("timestamp", not(equalTo("2020-01-01T00:00:00Z")));
        xapi().queryParam("agent", "{\"mbox\": \"" + mbox + "\"}").get("/xapi/statements").then().statusCode(200)
                .body("statements", hasSize(1));

        // a different statement under the id: 409 by PUT and by POST (the whole batch)
        String different = statement(id, mbox, ATTENDED, "https://study.grid.example/put");
        xapi().contentType(ContentType.JSON).queryParam("statementId", id).body(different)
                .when().put("/xapi/statements")
                .then().statusCode(409).contentType("application/problem+json")
                .header("X-Experience-API-Version", "1.0.3");
        String fresh = UUID.randomUUID().toString();
        xapi().contentType(ContentType.JSON)
                .body("[" + statement(fresh, mbox, COMPLETED, "https://study.grid.example/put") + "," + different + "]")
                .when().post("/xapi/statements").then().statusCode(409);
        xapi().queryParam("statementId", fresh).get("/xapi/statements").then().statusCode(404);

        // PUT needs its statementId, and a body id must match it
        xapi().contentType(ContentType.JSON).body(body).when().put("/xapi/statements")
                .then().statusCode(400).body("errors[0].field", equalTo("statementId"));
        xapi().contentType(ContentType.JSON).queryParam("statementId", UUID.randomUUID().toString())
                .body(statement(UUID.randomUUID().toString(), mbox, COMPLETED, "https://study.grid.example/put"))
                .when().put("/xapi/statements").then().statusCode(400).body("errors[0].field", equalTo("id"));
    }

    @Test
    void queriesByAgentVerbActivityRegistrationAndTimeAndPagesWithMore() {
        String mbox = learner();
        String activity = "https://study.grid.example/lectures/" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(post(statement(null, mbox, i % 2 == 0 ? COMPLETED : ATTENDED, activity)));
        }
        // someone else on the same activity
        String otherLearner = post(statement(null, learner(), COMPLETED, activity));
        String agent = "{\"objectType\": \"Agent\", \"mbox\": \"" + mbox + "\"}";

        // newest stored first, 2 per page, following more to the end
        List<String> seen = new ArrayList<>();
        Response page = xapi().queryParam("agent", agent).queryParam("limit", 2).get("/xapi/statements");
        int pages = 0;
        while (true) {
            page.then().statusCode(200).header("X-Experience-API-Consistent-Through", notNullValue());
            pages++;
            seen.addAll(page.jsonPath().getList("statements.id"));
            String more = page.jsonPath().getString("more");
            if (more.isEmpty()) {
                break;
            }
            assertThat(more).startsWith("/xapi/statements?more=");
            page = xapi().urlEncodingEnabled(false).get(more);
        }
        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        // ascending
        xapi().queryParam("agent", agent).queryParam("ascending", "true").get("/xapi/statements")
                .then().statusCode(200).body("statements.id", equalTo(ids)).body("more", equalTo(""));
        // verb and activity
        xapi().queryParam("agent", agent).queryParam("verb", ATTENDED).get("/xapi/statements")
                .then().statusCode(200).body("statements.id", equalTo(List.of(ids.get(3), ids.get(1))));
        xapi().queryParam("activity", activity).queryParam("verb", COMPLETED).get("/xapi/statements")
                .then().statusCode(200).body("statements.id",
                        equalTo(List.of(otherLearner, ids.get(4), ids.get(2), ids.get(0))));
        // registration (every statement here has the same one), with the agent
        xapi().queryParam("agent", agent).queryParam("registration", "6e7b3c1a-1f2e-4b5e-9c0d-1a2b3c4d5e6f")
                .get("/xapi/statements").then().statusCode(200).body("statements", hasSize(5));
        xapi().queryParam("agent", agent).queryParam("registration", UUID.randomUUID().toString())
                .get("/xapi/statements").then().statusCode(200).body("statements", hasSize(0)).body("more", equalTo(""));
        // since (exclusive) and until (inclusive) on stored
        String thirdStored = xapi().queryParam("statementId", ids.get(2)).get("/xapi/statements").jsonPath()
                .getString("stored");
        List<String> after = xapi().queryParam("agent", agent).queryParam("since", thirdStored).get("/xapi/statements")
                .jsonPath().getList("statements.id");
        assertThat(after).doesNotContain(ids.get(2), ids.get(1), ids.get(0));
        List<String> upTo = xapi().queryParam("agent", agent).queryParam("until", thirdStored).get("/xapi/statements")
                .jsonPath().getList("statements.id");
        assertThat(upTo).contains(ids.get(2), ids.get(0)).doesNotContain(ids.get(4));
        // the mbox of a Group member matches too
        String group = """
                {"actor": {"objectType": "Group", "name": "第一党小组", "member": [{"mbox": "%s"}, {"mbox": "mailto:x@grid.example"}]},
                 "verb": {"id": "%s"}, "object": {"id": "%s"}}""".formatted(mbox, ATTENDED, activity);
        String groupStatement = post(group);
        xapi().queryParam("agent", agent).queryParam("limit", 1).get("/xapi/statements")
                .then().statusCode(200).body("statements[0].id", equalTo(groupStatement));
        // limit 0 is the server's maximum
        xapi().queryParam("agent", agent).queryParam("limit", 0).get("/xapi/statements")
                .then().statusCode(200).body("statements", hasSize(6));
    }

    @Test
    void formatIdsAndCanonical() {
        String mbox = learner();
        String id = post(statement(null, mbox, COMPLETED, "https://study.grid.example/format"));
        xapi().queryParam("statementId", id).queryParam("format", "ids").get("/xapi/statements")
                .then().statusCode(200)
                .body("actor.mbox", equalTo(mbox))
                .body("actor.name", nullValue())
                .body("verb.id", equalTo(COMPLETED))
                .body("verb.display", nullValue())
                .body("object.id", equalTo("https://study.grid.example/format"))
                .body("object.definition", nullValue())
                .body("result.completion", equalTo(true));
        xapi().header("Accept-Language", "en-US").queryParam("statementId", id).queryParam("format", "canonical")
                .get("/xapi/statements")
                .then().statusCode(200)
                .body("verb.display", equalTo(Map.of("en-US", "completed")))
                .body("object.definition.name", equalTo(Map.of("en-US", "Party history micro-lecture")))
                .body("actor.name", equalTo("李明"));
        xapi().queryParam("agent", "{\"mbox\": \"" + mbox + "\"}").queryParam("format", "ids").get("/xapi/statements")
                .then().statusCode(200).body("statements[0].verb.display", nullValue());
        xapi().queryParam("statementId", id).queryParam("format", "full").get("/xapi/statements")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
    }

    @Test
    void voidingHidesTheStatementFromQueriesButNotFromVoidedStatementId() {
        String mbox = learner();
        String agent = "{\"mbox\": \"" + mbox + "\"}";
        String target = post(statement(null, mbox, COMPLETED, "https://study.grid.example/void"));
        String kept = post(statement(null, mbox, ATTENDED, "https://study.grid.example/void"));
        String voiding = post("""
                {"actor": {"mbox": "mailto:org-admin@grid.example"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/voided",
                 "display": {"en-US": "voided"}}, "object": {"objectType": "StatementRef", "id": "%s"}}""".formatted(target));

        xapi().queryParam("statementId", target).get("/xapi/statements").then().statusCode(404);
        xapi().queryParam("voidedStatementId", target).get("/xapi/statements").then().statusCode(200)
                .body("id", equalTo(target)).header("X-Experience-API-Consistent-Through", notNullValue());
        xapi().queryParam("voidedStatementId", kept).get("/xapi/statements").then().statusCode(404);
        // the learner's query: the voided statement is gone; the voiding statement targets a match, so it is there
        xapi().queryParam("agent", agent).get("/xapi/statements").then().statusCode(200)
                .body("statements.id", equalTo(List.of(voiding, kept)));
        xapi().queryParam("verb", COMPLETED).queryParam("agent", agent).get("/xapi/statements").then().statusCode(200)
                .body("statements.id", equalTo(List.of(voiding)));

        // a voiding statement cannot be voided: it stays
        post("""
                {"actor": {"mbox": "mailto:org-admin@grid.example"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
                 "object": {"objectType": "StatementRef", "id": "%s"}}""".formatted(voiding));
        xapi().queryParam("statementId", voiding).get("/xapi/statements").then().statusCode(200);

        // voiding a statement the LRS does not have is accepted; when that statement arrives it is voided at once
        String later = UUID.randomUUID().toString();
        post("""
                {"actor": {"mbox": "mailto:org-admin@grid.example"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
                 "object": {"objectType": "StatementRef", "id": "%s"}}""".formatted(later));
        post(statement(later, mbox, COMPLETED, "https://study.grid.example/void"));
        xapi().queryParam("statementId", later).get("/xapi/statements").then().statusCode(404);
        xapi().queryParam("voidedStatementId", later).get("/xapi/statements").then().statusCode(200);

        // a voiding statement must point at a StatementRef
        xapi().contentType(ContentType.JSON).body("""
                {"actor": {"mbox": "mailto:org-admin@grid.example"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
                 "object": {"id": "https://study.grid.example/void"}}""")
                .when().post("/xapi/statements").then().statusCode(400).body("errors[0].field", equalTo("object"));
    }

    @Test
    void theVersionHeaderIsRequiredAndAnswered() {
        String body = statement(null, learner(), COMPLETED, "https://study.grid.example/version");
        for (String version : List.of("1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0")) {
            given().header("Authorization", LRS).header("X-Experience-API-Version", version)
                    .contentType(ContentType.JSON).body(body).when().post("/xapi/statements")
                    .then().statusCode(200).header("X-Experience-API-Version", "1.0.3");
        }
        for (String version : List.of("0.95", "0.9", "1.1.0", "2.0.0", "1.0.x", "")) {
            given().header("Authorization", LRS).header("X-Experience-API-Version", version)
                    .contentType(ContentType.JSON).body(body).when().post("/xapi/statements")
                    .then().statusCode(400).contentType("application/problem+json")
                    .header("X-Experience-API-Version", "1.0.3")
                    .body("detail", containsString("X-Experience-API-Version"));
        }
        given().header("Authorization", LRS).when().get("/xapi/statements")
                .then().statusCode(400).header("X-Experience-API-Version", "1.0.3")
                .body("detail", containsString("required"));
        // the About resource needs neither a version header nor a token
        given().when().get("/xapi/about").then().statusCode(200).header("X-Experience-API-Version", "1.0.3")
                .body("version", hasItem("1.0.3")).body("version", hasItem("1.0.0"));
    }

    @Test
    void aSingleContextActivityIsReturnedAsAnArrayAndWeeksAreADuration() {
        String body = statement(null, learner(), COMPLETED, "https://study.grid.example/ctx")
                .replace("\"parent\": [{\"id\": \"https://study.grid.example/courses/history\"}]",
                        "\"parent\": {\"id\": \"https://study.grid.example/courses/history\"}")
                .replace("\"duration\": \"PT45M\"", "\"duration\": \"P2W\"");
        assertThat(body).contains("\"parent\": {");
        String id = post(body);
        xapi().queryParam("statementId", id).get("/xapi/statements").then().statusCode(200)
                .body("context.contextActivities.parent", hasSize(1))
                .body("context.contextActivities.parent[0].id", equalTo("https://study.grid.example/courses/history"));
        // the same statement sent again with the array form is the same statement
        xapi().contentType(ContentType.JSON).queryParam("statementId", id)
                .body(body.replace("\"parent\": {\"id\": \"https://study.grid.example/courses/history\"}",
                        "\"parent\": [{\"id\": \"https://study.grid.example/courses/history\"}]"))
                .put("/xapi/statements").then().statusCode(204);
    }

    @Test
    void invalidStatementsAndParametersAre400() {
        String mbox = learner();
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"verb\": {\"id\": \"http://x.example/v\"}, \"object\": {\"id\": \"http://x.example/a\"}}", "actor"),
                Map.entry(statement(null, mbox, "completed", "http://x.example/a"), "verb.id"),
                Map.entry(statement("not-a-uuid", mbox, COMPLETED, "http://x.example/a"), "id"),
                Map.entry(statement(null, "li.ming@example.com", COMPLETED, "http://x.example/a"), "actor.mbox"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\", \"openid\": \"http://openid.example/li\"},"
                        + " \"verb\": {\"id\": \"http://x.example/v\"}, \"object\": {\"id\": \"http://x.example/a\"}}", "actor"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"mood\": \"happy\"}", "mood"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"context\": null}", "context"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"timestamp\": \"yesterday\"}", "timestamp"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"version\": \"2.0.0\"}", "version"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"result\": {\"duration\": \"45 minutes\"}}", "result.duration"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"objectType\": \"StatementRef\", \"id\": \"x\"}}", "object.id"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"context\": {\"platform\": \"app\"},"
                        + " \"stored\": \"2026-01-01T00:00:00Z\", \"attachments\": [{\"usageType\": \"http://x.example/u\","
                        + " \"display\": {\"en-US\": \"a\"}, \"contentType\": \"text/plain\", \"length\": 1, \"sha2\": \"ab\"}]}",
                        "attachments[0].fileUrl"),
                // found by the ADL conformance runner (README: conformance)
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\", \"definition\": {\"choices\": [{\"id\": \"a\"}]}}}",
                        "object.definition.interactionType"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"result\": {\"duration\": \"P4W1D\"}}", "result.duration"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"authority\": {\"objectType\": \"Group\","
                        + " \"member\": [{\"mbox\": \"mailto:a@x.example\"}]}}", "authority.member"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"attachments\": [{\"usageType\": \"http://x.example/u\","
                        + " \"display\": {\"en-US\": \"a\"}, \"contentType\": \"text/plain\", \"length\": 1, \"sha2\": 12,"
                        + " \"fileUrl\": \"http://x.example/f\"}]}", "attachments[0].sha2"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\"}, \"attachments\": [{\"usageType\": \"http://x.example/u\","
                        + " \"display\": {\"en-US\": \"a\"}, \"contentType\": \"text/plain\", \"length\": 1, \"sha2\": \"ab\","
                        + " \"fileUrl\": \"http://x.example/f\"}]}", "attachments[0].sha2"),
                Map.entry("{\"actor\": {\"mbox\": \"" + mbox + "\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                        + " \"object\": {\"id\": \"http://x.example/a\", \"definition\": {\"interactionType\": \"true-false\","
                        + " \"choices\": [{\"id\": \"a\"}]}}}", "object.definition.choices"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            List<String> fields = xapi().contentType(ContentType.JSON).body(c.getKey()).when().post("/xapi/statements")
                    .then().statusCode(400).contentType("application/problem+json")
                    .header("X-Experience-API-Version", "1.0.3")
                    .extract().jsonPath().getList("errors.field");
            assertThat(fields).as(c.getKey()).contains(c.getValue());
        }
        // not JSON, duplicate keys, not an object, an empty batch, another content type, multipart
        for (String body : List.of("{\"actor\":", "{\"id\": \"a\", \"id\": \"b\"}", "42", "[]")) {
            xapi().contentType(ContentType.JSON).body(body).when().post("/xapi/statements")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        xapi().contentType(ContentType.TEXT).body(statement(null, mbox, COMPLETED, "http://x.example/a"))
                .when().post("/xapi/statements").then().statusCode(400);
        xapi().contentType("multipart/mixed; boundary=abc").body("--abc--".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .when().post("/xapi/statements").then().statusCode(400).body("detail", containsString("multipart"));
        // parameters: unknown, case-mismatched, bad values, combinations the spec forbids
        for (Map<String, String> params : List.<Map<String, String>>of(
                Map.of("actor", "{}"), Map.of("Verb", COMPLETED), Map.of("limit", "-1"), Map.of("limit", "ten"),
                Map.of("since", "last week"), Map.of("ascending", "yes"), Map.of("registration", "r-1"),
                Map.of("agent", "{\"name\": \"李明\"}"), Map.of("agent", "not json"), Map.of("attachments", "true"),
                Map.of("statementId", UUID.randomUUID().toString(), "voidedStatementId", UUID.randomUUID().toString()),
                Map.of("statementId", UUID.randomUUID().toString(), "verb", COMPLETED),
                Map.of("statementId", "42"), Map.of("more", "garbage"))) {
            xapi().queryParams(params).get("/xapi/statements").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        xapi().contentType(ContentType.JSON).queryParam("method", "PUT")
                .body(statement(null, mbox, COMPLETED, "http://x.example/a"))
                .when().post("/xapi/statements").then().statusCode(400);
        // related_* are accepted (and treated as false)
        xapi().queryParam("agent", "{\"mbox\": \"" + mbox + "\"}").queryParam("related_agents", "true")
                .queryParam("related_activities", "false").get("/xapi/statements").then().statusCode(200);
        xapi().queryParam("statementId", UUID.randomUUID().toString()).get("/xapi/statements").then().statusCode(404)
                .header("X-Experience-API-Version", "1.0.3");
    }

    @Test
    void aBearerTokenOfAnAllowedRoleIsRequired() {
        String body = statement(null, learner(), COMPLETED, "https://study.grid.example/auth");
        given().header("X-Experience-API-Version", "1.0.3").contentType(ContentType.JSON).body(body)
                .when().post("/xapi/statements")
                .then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"xAPI\"")
                .header("X-Experience-API-Version", "1.0.3");
        // Basic credentials no client was issued (XapiBasicAuthTest covers issued ones)
        given().header("X-Experience-API-Version", "1.0.3").header("Authorization", "Basic bGVhcm5lcjpzZWNyZXQ=")
                .when().get("/xapi/statements").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"xAPI\"");
        given().header("X-Experience-API-Version", "1.0.3").header("Authorization", "Bearer not-a-jwt")
                .when().get("/xapi/statements").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("X-Experience-API-Version", "1.0.3")
                .header("Authorization", "Bearer " + TestJwt.token("citizen-1", null, Roles.CITIZEN))
                .contentType(ContentType.JSON).body(body).when().post("/xapi/statements")
                .then().statusCode(403).header("X-Experience-API-Version", "1.0.3");
        // a token is believed for its coarse roles only; registry roles come from grants (member-7 reads above)
        for (String role : List.of(Roles.DISTRICT_ADMIN, Roles.SERVICE)) {
            given().header("X-Experience-API-Version", "1.0.3")
                    .header("Authorization", "Bearer " + TestJwt.token("u-" + role, null, role))
                    .queryParam("limit", 1).when().get("/xapi/statements").then().statusCode(200);
        }
    }
}
