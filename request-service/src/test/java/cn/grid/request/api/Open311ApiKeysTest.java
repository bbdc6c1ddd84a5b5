package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static cn.grid.request.api.RequestLifecycleTest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Open311 api keys through the JSON API: issued by district administrators and shown once, kept only as their
 * SHA-256, listed without secrets, revoked for good. Errors here are problem+json (an /api path).
 */
@QuarkusTest
class Open311ApiKeysTest {

    static final String ADMIN = token("o311-key-admin", null, Roles.DISTRICT_ADMIN);

    @Inject
    EntityManager entityManager;

    /** Issues a key named {@code name} and returns the clear key. */
    static String issueKey(String name) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                .post("/api/v1/open311/keys").then().statusCode(201).extract().path("apiKey");
    }

    @Test
    void aKeyIsShownOnceAndKeptOnlyAsItsHash() throws Exception {
        String name = "hotline-" + UUID.randomUUID().toString().substring(0, 8);
        var issued = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \" " + name + " \"}").post("/api/v1/open311/keys").then().statusCode(201)
                .header("Cache-Control", "no-store").header("Location", containsString("/api/v1/open311/keys/"))
                .body("name", equalTo(name)).body("createdBy", equalTo("o311-key-admin"))
                .body("apiKey", matchesPattern("[A-Za-z0-9_-]{43}")).extract();
        String key = issued.path("apiKey");
        String id = issued.path("id");

        String listed = given().header("Authorization", ADMIN).get("/api/v1/open311/keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.name", equalTo(name))
                .body("find { it.id == '" + id + "' }.live", equalTo(true))
                .body("find { it.id == '" + id + "' }.revokedAt", nullValue())
                .extract().asString();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
        assertThat(listed).doesNotContain(key).doesNotContain(hash).doesNotContain("apiKey").doesNotContain("Hash");

        List<?> row = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select key_hash, name, created_by from open311_api_key where id = ?1")
                .setParameter(1, UUID.fromString(id)).getResultList());
        assertThat(row).hasSize(1);
        Object[] columns = (Object[]) row.get(0);
        assertThat(columns[0]).isEqualTo(hash);
        assertThat(columns).doesNotContain(key);
        Number clearAnywhere = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager.createNativeQuery(
                "select count(*) from open311_api_key k where k::text like ?1").setParameter(1, "%" + key + "%")
                .getSingleResult());
        assertThat(clearAnywhere.longValue()).isZero();

        // and it works
        given().queryParam("api_key", key).get("/open311/v2/requests.json").then().statusCode(200);
    }

    @Test
    void onlyDistrictAdministratorsManageKeys() {
        String worker = token("o311-worker", null, Roles.GRID_WORKER);
        given().header("Authorization", worker).contentType(ContentType.JSON).body("{\"name\": \"x\"}")
                .post("/api/v1/open311/keys").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", worker).get("/api/v1/open311/keys").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", worker).delete("/api/v1/open311/keys/" + UUID.randomUUID()).then()
                .statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/open311/keys").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": \" \"}")
                .post("/api/v1/open311/keys").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/open311/keys").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aRevokedKeyIsRefusedAndItsNameFreed() {
        String name = "app-" + UUID.randomUUID().toString().substring(0, 8);
        var issued = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\"}").post("/api/v1/open311/keys").then().statusCode(201).extract();
        String key = issued.path("apiKey");
        String id = issued.path("id");
        // two live keys may not share a name: it is the reporter of what they file
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                .post("/api/v1/open311/keys").then().statusCode(409).contentType("application/problem+json");

        given().header("Authorization", ADMIN).delete("/api/v1/open311/keys/" + id).then().statusCode(204);
        String revokedAt = given().header("Authorization", ADMIN).get("/api/v1/open311/keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.live", equalTo(false))
                .body("find { it.id == '" + id + "' }.revokedAt", notNullValue())
                .extract().path("find { it.id == '" + id + "' }.revokedAt");
        // revoking again changes nothing
        given().header("Authorization", ADMIN).delete("/api/v1/open311/keys/" + id).then().statusCode(204);
        given().header("Authorization", ADMIN).get("/api/v1/open311/keys").then()
                .body("find { it.id == '" + id + "' }.revokedAt", equalTo(revokedAt));

        given().queryParam("api_key", key).get("/open311/v2/requests.json").then().statusCode(403)
                .contentType(ContentType.JSON).body("[0].code", equalTo(403))
                .body("[0].description", equalTo("the api_key is unknown or revoked"));
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("api_key", key)
                .formParam("service_code", "sanitation").formParam("address_string", "x")
                .post("/open311/v2/requests.json").then().statusCode(403).body("[0].code", equalTo(403));

        issueKey(name);
        given().header("Authorization", ADMIN).delete("/api/v1/open311/keys/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }
}
