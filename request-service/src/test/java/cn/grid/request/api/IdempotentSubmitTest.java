package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** A mobile retry with the same Idempotency-Key never makes a second ticket. */
@QuarkusTest
class IdempotentSubmitTest {

    private static final String BODY = """
            {"type": "SERVICE", "title": "预约接种疫苗", "location": {"address": "清河社区卫生服务站"}}""";

    static io.restassured.response.Response submit(String subject, String key, String body) {
        var request = given().header("Authorization", "Bearer " + TestJwt.token(subject, null, Roles.CITIZEN))
                .contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/requests");
    }

    @Test
    void aRetryReturnsTheFirstTicket() {
        String key = UUID.randomUUID().toString();
        String first = submit("citizen-i1", key, BODY).then().statusCode(201).extract().path("id");
        submit("citizen-i1", key, BODY).then().statusCode(201)
                .header("Idempotency-Replayed", "true")
                .header("Location", endsWith(first))
                .body("id", equalTo(first));
        // the same key from another citizen is another submission
        String other = submit("citizen-i2", key, BODY).then().statusCode(201).extract().path("id");
        assertThat(other).isNotEqualTo(first);
        // without a key every call creates
        String a = submit("citizen-i1", null, BODY).then().statusCode(201).extract().path("id");
        String b = submit("citizen-i1", null, BODY).then().statusCode(201).extract().path("id");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aKeyReusedForADifferentRequestIs422() {
        String key = UUID.randomUUID().toString();
        submit("citizen-i3", key, BODY).then().statusCode(201);
        submit("citizen-i3", key, BODY.replace("疫苗", "流感疫苗")).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/idempotency-key-reused"));
        submit("citizen-i3", "has space", BODY).then().statusCode(400).contentType("application/problem+json");
        submit("citizen-i3", "x".repeat(300), BODY).then().statusCode(400);
    }

    @Test
    void parallelRetriesMakeExactlyOneTicket() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> submit("citizen-i4", key, BODY).then().statusCode(201).extract().path("id"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
