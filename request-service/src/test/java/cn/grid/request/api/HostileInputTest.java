package cn.grid.request.api;

import cn.grid.platform.problem.ProblemExceptionMappers;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.request.app.ServiceRequestService;
import cn.grid.request.app.SubmitRequest;
import cn.grid.request.domain.Channel;
import cn.grid.request.domain.RequestType;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 17: hostile input at request-service's port — each case was a 500, or silently taken, before. Every one is
 * a 400 (or 401/403) problem naming what is wrong; on /open311 in GeoReport's own error format.
 */
@QuarkusTest
class HostileInputTest {

    private static final String CITIZEN = "Bearer " + TestJwt.token("hostile-citizen", null, Roles.CITIZEN);
    private static final String ADMIN = "Bearer " + TestJwt.token("hostile-admin", null, Roles.DISTRICT_ADMIN);

    /** Where a valid ticket is: an address only, so it waits in the community queue. */
    private static final String WHERE = "\"location\": {\"address\": \"清河社区卫生服务站\"}";

    @Inject
    ServiceRequestService requests;

    private static ValidatableResponse submit(String token, String json) {
        return submit(token, json.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidatableResponse submit(String token, byte[] body) {
        return given().header("Authorization", token).contentType("application/json").body(body)
                .post("/api/v1/requests").then().log().ifValidationFails();
    }

    private static void problem(ValidatableResponse response, int status) {
        response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    @Test
    void controlCharactersAndLoneSurrogatesInAnyJsonStringAreA400NamingTheField() {
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"漏水\\u0000\"}"), 400);
        submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"漏水\\u0000\"}").body("errors.field", hasItem("title"));
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"t\", \"contact\": {\"name\": \"a\\u0001\"}}"), 400);
        submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"t\", \"contact\": {\"name\": \"a\\u0001\"}}")
                .body("errors.field", hasItem("contact.name"));
        submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"t\", \"photos\": [\"https://x/1\", \"\\ud800\"]}")
                .statusCode(400).body("errors.field", hasItem("photos[1]"));
        // in a free-form map too, key or value
        problem(submit(CITIZEN, "{\"category\": \"water-pipe\", \"title\": \"t\", \"attributes\": {\"water_cut\": \"\\u001b[2J\"}}"), 400);
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"t\\b\"}"), 400);
        // TAB, LF and CR stay allowed, and so does a surrogate pair (an emoji)
        submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"line\\tone\\r\\nline two \\ud83d\\ude00\", " + WHERE + "}")
                .statusCode(201);
    }

    @Test
    void controlCharactersInQueryParametersAreA400() {
        problem(given().header("Authorization", ADMIN).queryParam("cursor", "a\u0000b")
                .get("/api/v1/requests").then(), 400);
        given().header("Authorization", ADMIN).urlEncodingEnabled(false).get("/api/v1/requests?cursor=%ED%A0%80")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("cursor"));
    }

    @Test
    void invalidUtf8InABodyIsA400NotAQuestionMark() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"type\": \"PROBLEM_REPORT\", \"title\": \"x".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // a surrogate encoded raw
        body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        problem(submit(CITIZEN, body.toByteArray()), 400);
        byte[] overlong = "{\"type\": \"PROBLEM_REPORT\", \"title\": \"x__\"}".getBytes(StandardCharsets.UTF_8);
        overlong[39] = (byte) 0xC0;
        overlong[40] = (byte) 0xAF;
        problem(submit(CITIZEN, overlong), 400);
    }

    @Test
    void aRepeatedKeyIsA400Problem() {
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"title\": \"b\"}"), 400);
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"contact\": {\"phone\": \"13800001234\", \"phone\": \"13800001235\"}}"), 400);
    }

    @Test
    void unknownAndServerOwnedFieldsAreRefused() {
        submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"status\": \"CLOSED\"}")
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("status"));
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"id\": \"" + UUID.randomUUID() + "\"}"), 400);
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"version\": 9}"), 400);
        // channel is for staff recording how they took a ticket in; a citizen files through the app
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"channel\": \"HOTLINE\"}"), 403);
        submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"channel\": \"APP\", " + WHERE + "}").statusCode(201);
        submit(ADMIN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"channel\": \"HOTLINE\", " + WHERE + "}").statusCode(201)
                .body("channel", equalTo("HOTLINE"));
    }

    @Test
    void deepNestingIsA400() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"attributes\": {\"x\": " + deep + "}}"), 400);
        problem(submit(CITIZEN, deep), 400);
        problem(submit(CITIZEN, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\", \"location\": {\"lat\": 1" + "0".repeat(500) + "}}"), 400);
    }

    @Test
    void aTokenWithoutASubjectIsA401() {
        // a valid signature, issuer, audience and role, and no sub claim at all
        String noSubject = "Bearer " + io.smallrye.jwt.build.Jwt.issuer(TestJwt.ISSUER).audience(TestJwt.AUDIENCE)
                .upn("nobody").groups(Set.of(Roles.CITIZEN)).expiresIn(java.time.Duration.ofMinutes(5))
                .sign(TestJwt.keys().getPrivate());
        problem(submit(noSubject, "{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\"}"), 401);
    }

    @Test
    void twoAuthorizationHeadersAreA400() {
        given().header("Authorization", CITIZEN).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"type\": \"PROBLEM_REPORT\", \"title\": \"a\"}").post("/api/v1/requests")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void open311KeepsItsOwnErrorFormatForHostileInput() {
        given().contentType(ContentType.URLENC).formParam("service_code", "water-pipe")
                .formParam("description", "a\u0000b").formParam("api_key", "nope")
                .post("/open311/v2/requests.json")
                .then().statusCode(400).contentType(ContentType.JSON).body("[0].code", equalTo(400));
        given().queryParam("jurisdiction_id", "a\u0001").get("/open311/v2/services.json")
                .then().statusCode(400).contentType(ContentType.JSON).body("[0].code", equalTo(400));
    }

    /**
     * A failing insert of a ticket with a citizen's name, phone and address: PostgreSQL's "Failing row contains
     * (...)" detail and Hibernate's SqlExceptionHelper wrote all three to the log, and so did the 500 mapper.
     */
    @Test
    void aFailingInsertLeavesNoPersonalDataInTheLog() {
        String name = "欧阳娜娜" + UUID.randomUUID().toString().substring(0, 4);
        String phone = "139" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        String address = "漆河镇幸福路" + UUID.randomUUID().toString().substring(0, 6) + "号";
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        line.append(' ').append(p);
                    }
                }
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(' ').append(trace);
                }
                logged.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            // latitude 91 passes the use case (only the HTTP body checks the range) and breaks the table's check
            SubmitRequest command = new SubmitRequest(RequestType.PROBLEM_REPORT, null, Channel.APP, "漏水", null,
                    91.0, 103.0, address, null, null, null, name, phone);
            Caller citizen = new Caller("hostile-citizen", Set.of(Roles.CITIZEN), null);
            Throwable failure = null;
            try {
                requests.submit(command, citizen, null);
            } catch (RuntimeException e) {
                failure = e;
            }
            assertThat(failure).as("the insert must fail").isNotNull();
            // what a request would answer and log: the 500 mapper's line with an error id
            new ProblemExceptionMappers().internal(failure, null);
        } finally {
            root.removeHandler(capture);
        }
        String all = String.join("\n", logged);
        assertThat(all).as("the failure is logged").isNotEmpty();
        assertThat(all).doesNotContain(name).doesNotContain(phone).doesNotContain(address);
    }
}
