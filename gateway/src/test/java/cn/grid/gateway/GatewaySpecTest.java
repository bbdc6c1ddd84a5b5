package cn.grid.gateway;

import cn.grid.testsupport.CheckedInSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * /q/openapi on the gateway is the suite's one spec, served without a token, and it is docs/openapi/gateway.json:
 * integrators (and system-tests' generated client) build on that file. `docs/openapi/refresh gateway` rewrites it.
 */
@QuarkusTest
class GatewaySpecTest {

    @Test
    void servedSpecIsTheCheckedInOne() {
        String served = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200).contentType(startsWith("application/json")).extract().asString();
        CheckedInSpec.check(served, "gateway");
    }

    @Test
    void holdsEveryServicesRoutedOperationsUnderTheGatewaysPathsWithItsSecurityAndAnswers() {
        JsonPath spec = given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = spec.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/grids", "/api/v1/grids/{id}", "/api/v1/people",
                "/api/v1/party-orgs", "/api/v1/study/sessions", "/xapi/statements", "/api/v1/requests",
                "/api/v1/request-categories", "/open311/v2/services.json", "/api/v1/dashboard/grids/{id}",
                "/auth/dev-token");
        assertThat(paths.keySet()).allMatch(k -> k.startsWith("/api/v1/") || k.startsWith("/xapi/")
                || k.startsWith("/open311/") || k.equals("/auth/dev-token"));
        assertThat(spec.getList("security")).isEqualTo(List.of(Map.of("jwt", List.of())));
        assertThat(spec.getString("components.securitySchemes.jwt.scheme")).isEqualTo("bearer");
        assertThat(spec.getString("paths.'/api/v1/grids/{id}'.get.responses.'502'.$ref"))
                .isEqualTo("#/components/responses/BadGateway");
        assertThat(spec.getString("paths.'/api/v1/grids'.post.responses.'413'.$ref"))
                .isEqualTo("#/components/responses/PayloadTooLarge");
        assertThat(spec.getList("paths.'/open311/v2/services.json'.get.security"))
                .isEqualTo(List.of(Map.of(), Map.of("jwt", List.of())));
        assertThat(spec.getList("paths.'/auth/dev-token'.post.security")).isEmpty();
        // study's and request's different "Stats" are both there, each under its service's name
        assertThat(spec.getMap("components.schemas")).containsKeys("RequestStats", "StudyStats", "GridNode",
                "Problem", "GridDashboard").doesNotContainKey("Stats");
        assertThat(spec.getString("components.schemas.GridDashboard.properties.requests.oneOf[0].$ref"))
                .isEqualTo("#/components/schemas/RequestStats");
        assertThat(spec.getMap("components.responses.TooManyRequests.content.'application/problem+json'.example"))
                .containsEntry("status", 429);
    }

    /**
     * notification-service's operations are in the suite's spec: everything it serves under the two prefixes the
     * gateway routes to it (its inbox and stream under /api/v1/me/notifications, its webhooks under
     * /api/v1/webhooks), with the gateway's answers added.
     */
    @Test
    void holdsNotificationServicesOperations() throws java.io.IOException {
        JsonPath spec = given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> merged = spec.getMap("paths");
        com.fasterxml.jackson.databind.JsonNode own;
        try (java.io.InputStream in = getClass().getClassLoader()
                .getResourceAsStream("openapi/services/notification-service.json")) {
            assertThat(in).as("notification-service.json packaged into the gateway").isNotNull();
            own = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        own.path("paths").fieldNames().forEachRemaining(path -> {
            if (path.startsWith("/api/v1/me/notifications") || path.startsWith("/api/v1/webhooks")) {
                assertThat(merged).as("merged spec").containsKey(path);
                own.path("paths").path(path).fieldNames().forEachRemaining(method -> {
                    if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                        assertThat(spec.getMap("paths.'" + path + "'." + method + ".responses"))
                                .as(method + " " + path).containsKey("502");
                    }
                });
            }
        });
        assertThat(spec.getString("info.description")).contains("notification-service");
    }

    /**
     * A generated client takes an operation's return type from its 2xx answer: an operation that documents only
     * its errors (a class-level 401/403 keeps SmallRye from adding the 200 of the method's return type) comes out
     * as a method that returns nothing.
     */
    @Test
    void everyOperationDocumentsItsSuccessfulAnswer() {
        Map<String, Map<String, Object>> operations = servedOperations();
        assertThat(operations).isNotEmpty();
        assertThat(operations).allSatisfy((name, operation) ->
                assertThat(((Map<?, ?>) operation.get("responses")).keySet())
                        .as("answers of %s", name).anyMatch(code -> String.valueOf(code).matches("[23]\\d\\d")));
    }

    /** Generated clients name their methods by operationId: every operation has one, and no two share it. */
    @Test
    void everyOperationHasItsOwnOperationId() {
        Map<String, Map<String, Object>> operations = servedOperations();
        assertThat(operations).allSatisfy((name, operation) ->
                assertThat(operation.get("operationId")).as("operationId of %s", name).isNotNull());
        assertThat(operations.values().stream().map(operation -> operation.get("operationId")))
                .doesNotHaveDuplicates();
    }

    /** The served spec's operations by "METHOD /path" (path items also hold parameters, which are not). */
    private static Map<String, Map<String, Object>> servedOperations() {
        Map<String, Map<String, Object>> paths = given().accept("application/json")
                .when().get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        Map<String, Map<String, Object>> operations = new java.util.TreeMap<>();
        paths.forEach((path, item) -> item.forEach((method, entry) -> {
            if (entry instanceof Map<?, ?> operation && operation.get("responses") instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked") // a JSON object: string keys
                Map<String, Object> fields = (Map<String, Object>) operation;
                operations.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path, fields);
            }
        }));
        return operations;
    }

    @Test
    void yamlByDefaultAndOnRequest() {
        given().when().get("/q/openapi")
                .then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(startsWith("openapi: 3.1.0"), containsString("/api/v1/dashboard/grids/{id}:"));
        given().queryParam("format", "yaml").accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).contentType(startsWith("application/yaml"));
    }

    @Test
    void swaggerUiShowsTheMergedSpec() {
        given().redirects().follow(false).when().get("/q/swagger-ui")
                .then().statusCode(302).header("Location", "/q/swagger-ui/");
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("/q/openapi?format=json"), containsString("swagger-ui-bundle.js"));
        given().when().get("/q/swagger-ui/swagger-ui-bundle.js")
                .then().statusCode(200).contentType(startsWith("text/javascript"));
        given().when().get("/q/swagger-ui/no-such-file.js").then().statusCode(404);
    }
}
