package cn.grid.study.app.xapi;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.study.domain.xapi.StatementFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** xAPI 1.0.3 statement structure without a server: the facade and each part's rules, by field path and message. */
class XapiStatementValidatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACTOR = "\"actor\": {\"mbox\": \"mailto:li@x.example\"}, \"verb\": {\"id\": \"http://x.example/v\"}";

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A statement of ACTOR about an Activity with {@code more} properties ("" for none). */
    static JsonNode withActivity(String definition, String more) {
        return json("{" + ACTOR + ", \"object\": {\"id\": \"http://x.example/a\""
                + (definition == null ? "" : ", \"definition\": " + definition) + "}" + more + "}");
    }

    static List<Problem.FieldError> errors(JsonNode statement) {
        try {
            XapiStatementValidator.check(statement, "");
        } catch (DomainProblem p) {
            assertThat(p.type()).isEqualTo(ProblemType.VALIDATION);
            return p.errors();
        }
        return List.of();
    }

    static List<String> fields(JsonNode statement) {
        return errors(statement).stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void aFullStatementPassesAndItsFactsAreRead() {
        UUID id = UUID.randomUUID();
        UUID registration = UUID.randomUUID();
        JsonNode s = json("""
                {"id": "%s", "actor": {"objectType": "Agent", "name": "李明",
                   "account": {"homePage": "https://sso.grid.example", "name": "li"}},
                 "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"zh-CN": "完成"}},
                 "object": {"id": "https://study.grid.example/courses/history", "definition": {
                   "name": {"zh-CN": "党史"}, "type": "http://adlnet.gov/expapi/activities/course",
                   "interactionType": "choice", "correctResponsesPattern": ["a"],
                   "choices": [{"id": "a", "description": {"en-US": "A"}}], "extensions": {"http://x.example/e": 1}}},
                 "result": {"score": {"scaled": 0.9, "raw": 9, "min": 0, "max": 10}, "success": true,
                   "completion": true, "response": "a", "duration": "PT45M"},
                 "context": {"registration": "%s", "instructor": {"mbox": "mailto:t@x.example"},
                   "team": {"objectType": "Group", "name": "一组", "member": [{"mbox": "mailto:m@x.example"}]},
                   "contextActivities": {"parent": {"id": "https://study.grid.example/plans/2026"},
                     "category": [{"id": "https://study.grid.example/cat"}]},
                   "platform": "app", "language": "zh-CN"},
                 "timestamp": "2026-11-20T19:30:00+0800", "version": "1.0.3",
                 "attachments": [{"usageType": "http://x.example/u", "display": {"en-US": "a"},
                   "contentType": "text/plain; charset=utf-8", "length": 1,
                   "sha2": "%s", "fileUrl": "http://x.example/f"}]}
                """.formatted(id, registration, "ab".repeat(32)));
        StatementFacts facts = XapiStatementValidator.check(s, "");
        assertThat(facts.id()).isEqualTo(id);
        assertThat(facts.verbId()).isEqualTo("http://adlnet.gov/expapi/verbs/completed");
        assertThat(facts.activityId()).isEqualTo("https://study.grid.example/courses/history");
        assertThat(facts.registration()).isEqualTo(registration);
        assertThat(facts.timestamp()).isEqualTo(OffsetDateTime.parse("2026-11-20T19:30:00+08:00"));
        assertThat(facts.actorKey()).isEqualTo(XapiStatementValidator.ifiKey(s.get("actor")));
        assertThat(facts.voidsStatementId()).isNull();
    }

    @Test
    void everyViolationIsReportedWithItsPathAndTheDetailListsThem() {
        JsonNode s = json("{\"actor\": {\"mbox\": \"li@x.example\", \"openid\": \"http://openid.example/li\"},"
                + " \"verb\": {\"id\": \"completed\"}, \"object\": {\"id\": \"http://x.example/a\"}, \"mood\": 1}");
        assertThatThrownBy(() -> XapiStatementValidator.check(s, "[2]."))
                .isInstanceOfSatisfying(DomainProblem.class, p -> {
                    assertThat(p.errors()).extracting(Problem.FieldError::field)
                            .containsExactlyInAnyOrder("[2].mood", "[2].actor.mbox", "[2].actor", "[2].verb.id");
                    assertThat(p.errors()).contains(
                            new Problem.FieldError("[2].mood", "is not a property here"),
                            new Problem.FieldError("[2].actor.mbox", "must be a mailto: IRI"),
                            new Problem.FieldError("[2].actor",
                                    "an Agent needs exactly one of mbox, mbox_sha1sum, openid, account, not 2"),
                            new Problem.FieldError("[2].verb.id", "must be an absolute IRI"));
                })
                .hasMessageStartingWith("the statement is not valid xAPI 1.0.3: [2].mood: is not a property here; ");
        assertThat(errors(json("42"))).containsExactly(new Problem.FieldError("statement", "must be an object"));
    }

    @Test
    void actorsAgentsAndGroups() {
        assertThat(fields(json("{\"verb\": {\"id\": \"http://x.example/v\"}, \"object\": {\"id\": \"http://x.example/a\"}}")))
                .containsExactly("actor");
        JsonNode group = json("{\"actor\": {\"objectType\": \"Group\", \"member\": [{\"objectType\": \"Group\","
                + " \"mbox\": \"mailto:g@x.example\"}, {\"mbox_sha1sum\": \"xyz\"}]}, \"verb\": {\"id\": \"http://x.example/v\"},"
                + " \"object\": {\"id\": \"http://x.example/a\"}}");
        assertThat(errors(group)).containsExactlyInAnyOrder(
                new Problem.FieldError("actor.member[0]", "a Group's members are Agents"),
                new Problem.FieldError("actor.member[1].mbox_sha1sum", "must be the hex SHA-1 of a mailto: IRI"));
        assertThat(errors(json("{\"actor\": {\"objectType\": \"Group\"}, \"verb\": {\"id\": \"http://x.example/v\"},"
                + " \"object\": {\"id\": \"http://x.example/a\"}}")))
                .containsExactly(new Problem.FieldError("actor.member", "an anonymous Group must list its members"));
        assertThat(fields(json("{\"actor\": {\"account\": {\"homePage\": \"sso\"}}, \"verb\": {\"id\": \"http://x.example/v\"},"
                + " \"object\": {\"id\": \"http://x.example/a\"}}")))
                .containsExactlyInAnyOrder("actor.account.name", "actor.account.homePage");
    }

    @Test
    void theAgentParameterNeedsAnIdentifier() {
        assertThat(XapiStatementValidator.agentParameter(json("{\"mbox\": \"mailto:li@x.example\"}")))
                .isEqualTo(XapiStatementValidator.ifiKey(json("{\"mbox\": \"mailto:li@x.example\"}")));
        assertThatThrownBy(() -> XapiStatementValidator.agentParameter(json("{\"mbox\": \"li\"}")))
                .isInstanceOfSatisfying(DomainProblem.class, p -> assertThat(p.errors())
                        .containsExactly(new Problem.FieldError("agent.mbox", "must be a mailto: IRI")));
        assertThatThrownBy(() -> XapiStatementValidator.agentParameter(json("{\"objectType\": \"Group\","
                + " \"member\": [{\"mbox\": \"mailto:li@x.example\"}]}")))
                .hasMessage("agent: an anonymous Group cannot be a filter: it needs an identifier");
    }

    @Test
    void anAuthorityGroupIsTheAnonymousOAuthPair() {
        // found by the ADL conformance suite: a Group authority of one member, or an identified one
        assertThat(errors(withActivity(null, ", \"authority\": {\"objectType\": \"Group\","
                + " \"member\": [{\"mbox\": \"mailto:a@x.example\"}]}")))
                .containsExactly(new Problem.FieldError("authority.member",
                        "a Group authority has exactly two Agents (the OAuth consumer and user)"));
        assertThat(fields(withActivity(null, ", \"authority\": {\"objectType\": \"Group\", \"mbox\": \"mailto:g@x.example\","
                + " \"member\": [{\"mbox\": \"mailto:a@x.example\"}, {\"mbox\": \"mailto:b@x.example\"}]}")))
                .containsExactly("authority");
        assertThat(errors(withActivity(null, ", \"authority\": {\"objectType\": \"Group\","
                + " \"member\": [{\"mbox\": \"mailto:a@x.example\"}, {\"mbox\": \"mailto:b@x.example\"}]}"))).isEmpty();
        assertThat(errors(withActivity(null, ", \"authority\": {\"mbox\": \"mailto:a@x.example\"}"))).isEmpty();
    }

    @Test
    void interactionPropertiesNeedAnInteractionType() {
        // found by the ADL conformance suite: components without interactionType
        assertThat(errors(withActivity("{\"choices\": [{\"id\": \"a\"}]}", "")))
                .containsExactly(new Problem.FieldError("object.definition.interactionType",
                        "is required with choices (Data 2.4.4.1.1)"));
        assertThat(fields(withActivity("{\"interactionType\": \"essay\"}", "")))
                .containsExactly("object.definition.interactionType");
        assertThat(fields(withActivity("{\"interactionType\": \"choice\", \"choices\": [{\"description\": 1}]}", "")))
                .containsExactlyInAnyOrder("object.definition.choices[0].id", "object.definition.choices[0].description");
    }

    @Test
    void componentListsBelongToTheirInteractionType() {
        // the ADL suite's "interaction components" cases: a list the interaction type does not have is refused
        assertThat(fields(withActivity("{\"interactionType\": \"true-false\", \"choices\": [{\"id\": \"a\"}]}", "")))
                .containsExactly("object.definition.choices");
        assertThat(fields(withActivity("{\"interactionType\": \"choice\", \"scale\": [{\"id\": \"1\"}]}", "")))
                .containsExactly("object.definition.scale");
        assertThat(fields(withActivity("{\"interactionType\": \"likert\", \"source\": [{\"id\": \"1\"}],"
                + " \"target\": [{\"id\": \"2\"}]}", "")))
                .containsExactly("object.definition.source", "object.definition.target");
        // and each type's own lists pass
        for (String ok : List.of("{\"interactionType\": \"choice\", \"choices\": [{\"id\": \"a\"}]}",
                "{\"interactionType\": \"sequencing\", \"choices\": [{\"id\": \"a\"}]}",
                "{\"interactionType\": \"likert\", \"scale\": [{\"id\": \"1\"}]}",
                "{\"interactionType\": \"matching\", \"source\": [{\"id\": \"1\"}], \"target\": [{\"id\": \"2\"}]}",
                "{\"interactionType\": \"performance\", \"steps\": [{\"id\": \"1\"}]}",
                "{\"interactionType\": \"numeric\", \"correctResponsesPattern\": [\"1[:]3\"]}")) {
            assertThat(errors(withActivity(ok, ""))).as(ok).isEmpty();
        }
    }

    @Test
    void durationsAndScores() {
        // found by the ADL conformance suite: weeks combined with days
        assertThat(errors(withActivity(null, ", \"result\": {\"duration\": \"P4W1D\"}")))
                .containsExactly(new Problem.FieldError("result.duration", "must be an ISO 8601 duration (PT1H30M)"));
        for (String bad : List.of("P", "PT", "P1DT", "45 minutes", "P1Y2W", "PT1.5")) {
            assertThat(fields(withActivity(null, ", \"result\": {\"duration\": \"" + bad + "\"}"))).as(bad)
                    .containsExactly("result.duration");
        }
        for (String good : List.of("P4W", "PT45M", "P1Y2M3DT4H5M6.5S", "PT0S", "P0.5D")) {
            assertThat(errors(withActivity(null, ", \"result\": {\"duration\": \"" + good + "\"}"))).as(good).isEmpty();
        }
        assertThat(errors(withActivity(null, ", \"result\": {\"score\": {\"scaled\": 2, \"raw\": 11, \"min\": 0,"
                + " \"max\": 10}}"))).containsExactly(
                new Problem.FieldError("result.score.scaled", "must be between -1 and 1"),
                new Problem.FieldError("result.score.raw", "must lie between min and max"));
        assertThat(errors(withActivity(null, ", \"result\": {\"score\": {\"min\": 5, \"max\": 1}}")))
                .containsExactly(new Problem.FieldError("result.score", "min is greater than max"));
    }

    @Test
    void contextAndSubStatements() {
        JsonNode aboutAnAgent = json("{" + ACTOR + ", \"object\": {\"objectType\": \"Agent\", \"mbox\": \"mailto:o@x.example\"},"
                + " \"context\": {\"platform\": \"app\", \"team\": {\"mbox\": \"mailto:t@x.example\"},"
                + " \"contextActivities\": {\"other\": {\"objectType\": \"Agent\"}}, \"statement\": {\"id\": \"x\"}}}");
        assertThat(errors(aboutAnAgent)).containsExactlyInAnyOrder(
                new Problem.FieldError("context.platform", "is only allowed when the statement's object is an Activity"),
                new Problem.FieldError("context.team", "must be a Group"),
                new Problem.FieldError("context.contextActivities.other.objectType", "context activities are Activities"),
                new Problem.FieldError("context.statement.objectType", "must be StatementRef"),
                new Problem.FieldError("context.statement.id", "must be a UUID"));
        JsonNode nested = json("{" + ACTOR + ", \"object\": {\"objectType\": \"SubStatement\", " + ACTOR + ","
                + " \"object\": {\"objectType\": \"SubStatement\"}}}");
        assertThat(errors(nested)).containsExactly(
                new Problem.FieldError("object.object.objectType", "a SubStatement cannot contain a SubStatement"));
    }

    @Test
    void voidingVersionAndTimestamps() {
        JsonNode voiding = json("{\"actor\": {\"mbox\": \"mailto:li@x.example\"}, \"verb\": {\"id\": \""
                + StatementFacts.VOIDED + "\"}, \"object\": {\"id\": \"http://x.example/a\"}}");
        assertThat(fields(voiding)).containsExactly("object");
        UUID target = UUID.randomUUID();
        StatementFacts voids = XapiStatementValidator.check(json("{\"actor\": {\"mbox\": \"mailto:li@x.example\"},"
                + " \"verb\": {\"id\": \"" + StatementFacts.VOIDED + "\"}, \"object\": {\"objectType\": \"StatementRef\","
                + " \"id\": \"" + target + "\"}}"), "");
        assertThat(voids.voidsStatementId()).isEqualTo(target);
        assertThat(fields(withActivity(null, ", \"version\": \"2.0.0\", \"timestamp\": \"2026-11-20T19:30:00-00:00\","
                + " \"stored\": \"yesterday\""))).containsExactlyInAnyOrder("version", "timestamp", "stored");
        assertThat(XapiStatementValidator.parseTimestamp("2026-11-20T19:30:00Z")).isNotNull();
        assertThat(XapiStatementValidator.parseTimestamp("2026-11-20T19:30:00")).isNull();
    }

    @Test
    void attachmentsPointToTheirDataWithAMediaTypeAndASha2() {
        String good = "{\"usageType\": \"http://x.example/u\", \"display\": {\"en-US\": \"a\"},"
                + " \"contentType\": \"%s\", \"length\": 1, \"sha2\": %s, \"fileUrl\": \"http://x.example/f\"}";
        for (int hexDigits : new int[] {56, 64, 96, 128}) {
            assertThat(errors(withActivity(null, ", \"attachments\": [" + good.formatted("text/plain",
                    "\"" + "a".repeat(hexDigits) + "\"") + "]"))).as(hexDigits + " hex digits").isEmpty();
        }
        assertThat(errors(withActivity(null, ", \"attachments\": [" + good.formatted("text/plain", "12") + "]")))
                .containsExactly(new Problem.FieldError("attachments[0].sha2", "must be a string"));
        assertThat(errors(withActivity(null, ", \"attachments\": [" + good.formatted("plain", "\"" + "a".repeat(64) + "\"")
                + "]"))).containsExactly(new Problem.FieldError("attachments[0].contentType",
                "must be an Internet media type (type/subtype)"));
        // found by the ADL conformance suite: a sha2 that is no SHA-2 digest
        for (String sha2 : List.of("ab", "g".repeat(64), "a".repeat(40), "a".repeat(65))) {
            assertThat(fields(withActivity(null, ", \"attachments\": [" + good.formatted("text/plain", "\"" + sha2 + "\"")
                    + "]"))).as(sha2).containsExactly("attachments[0].sha2");
        }
        assertThat(fields(withActivity(null, ", \"attachments\": [{\"usageType\": \"http://x.example/u\"}]")))
                .containsExactlyInAnyOrder("attachments[0].display", "attachments[0].contentType",
                        "attachments[0].length", "attachments[0].sha2", "attachments[0].fileUrl");
    }
}
