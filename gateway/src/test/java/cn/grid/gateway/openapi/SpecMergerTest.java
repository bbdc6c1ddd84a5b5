package cn.grid.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String GATEWAY = """
            {"openapi": "3.1.0", "info": {"title": "suite", "version": "1"}, "security": [{"jwt": []}],
             "paths": {"/own": {"get": {"responses": {"200": {"description": "ok",
               "content": {"application/json": {"schema": {"$ref": "b.json#/components/schemas/Stats"}}}}}}}},
             "components": {"securitySchemes": {"jwt": {"type": "http", "scheme": "bearer"}},
               "schemas": {"Problem": {"type": "object"}},
               "responses": {"Unauthorized": {"description": "401"}, "PayloadTooLarge": {"description": "413"},
                 "TooManyRequests": {"description": "429"}, "BadGateway": {"description": "502"},
                 "ServiceUnavailable": {"description": "503"}, "GatewayTimeout": {"description": "504"}}}}""";

    private static final String A = """
            {"openapi": "3.1.0", "tags": [{"name": "A"}],
             "paths": {
               "/api/a/x": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}},
                 "responses": {"200": {"description": "ok"}, "401": {"description": "own 401"}}}},
               "/internal/a": {"get": {"responses": {"200": {"description": "ok",
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OnlyInternal"}}}}}}},
               "/open/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
             "components": {"securitySchemes": {"jwt": {"type": "http", "scheme": "bearer", "description": "A's"}},
               "schemas": {"Problem": {"type": "object"},
                 "Stats": {"type": "object", "properties": {"a": {"type": "integer"}}},
                 "Holder": {"type": "object", "properties": {"s": {"$ref": "#/components/schemas/Stats"}}},
                 "OnlyInternal": {"type": "string"}}}}""";

    private static final String B = """
            {"openapi": "3.1.0", "tags": [{"name": "A"}, {"name": "B"}],
             "paths": {"/api/b": {"get": {"responses": {"200": {"description": "ok",
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Holder"}}}}}}}},
             "components": {"schemas": {"Problem": {"type": "object"},
                 "Stats": {"type": "object", "properties": {"b": {"type": "string"}}},
                 "Holder": {"type": "object", "properties": {"s": {"$ref": "#/components/schemas/Stats"}}}}}}""";

    private static ObjectNode merged(String gateway) throws Exception {
        return SpecMerger.merge(JSON.readTree(gateway), List.of(
                new SpecMerger.Source("a-service", JSON.readTree(A), List.of("/api/a", "/open"), Set.of("/open")),
                new SpecMerger.Source("b", JSON.readTree(B), List.of("/api/b"), Set.of())));
    }

    @Test
    void keepsOnlyRoutedPathsAndRenamesClashingComponentsInEveryServiceThatHasThem() throws Exception {
        ObjectNode doc = merged(GATEWAY);
        assertThat(fieldNames(doc.get("paths"))).containsExactly("/own", "/api/a/x", "/open/a", "/api/b");
        JsonNode schemas = doc.at("/components/schemas");
        // Stats differs between a and b, so both are renamed; Holder is equal text but refers to Stats: renamed too
        assertThat(fieldNames(schemas)).containsExactlyInAnyOrder("Problem", "AStats", "BStats", "BHolder");
        assertThat(doc.at("/paths/~1api~1a~1x/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/AStats");
        assertThat(doc.at("/components/schemas/BHolder/properties/s/$ref").asText())
                .isEqualTo("#/components/schemas/BStats");
        // the gateway part's reference into a service follows the rename
        assertThat(doc.at("/paths/~1own/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/BStats");
        // a service's security scheme never replaces the gateway's
        assertThat(doc.at("/components/securitySchemes/jwt/description").isMissingNode()).isTrue();
        assertThat(doc.get("tags").findValuesAsText("name")).containsExactly("A", "B");
    }

    @Test
    void addsTheGatewaysOwnAnswersAndOpensTokenOptionalPrefixes() throws Exception {
        ObjectNode doc = merged(GATEWAY);
        JsonNode post = doc.at("/paths/~1api~1a~1x/post");
        assertThat(post.at("/responses/401/description").asText()).isEqualTo("own 401");
        assertThat(fieldNames(post.get("responses"))).contains("413", "429", "502", "503", "504");
        JsonNode get = doc.at("/paths/~1api~1b/get");
        assertThat(fieldNames(get.get("responses"))).contains("401", "429", "502", "503", "504").doesNotContain("413");
        assertThat(doc.at("/paths/~1open~1a/get/security").toString()).isEqualTo("[{},{\"jwt\":[]}]");
        assertThat(get.has("security")).isFalse();
    }

    @Test
    void aGatewayRefToAComponentNoServiceHasFailsTheMerge() {
        assertThatThrownBy(() -> merged(GATEWAY.replace("b.json#/components/schemas/Stats",
                "b.json#/components/schemas/Nope")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("b.json#/components/schemas/Nope");
    }

    @Test
    void servicePrefixes() {
        assertThat(SpecMerger.pascal("request-service")).isEqualTo("Request");
        assertThat(SpecMerger.owningPrefix("/api/v1/gridsx", List.of("/api/v1/grids"))).isNull();
        assertThat(SpecMerger.owningPrefix("/api/v1/grids", List.of("/api/v1/grids"))).isEqualTo("/api/v1/grids");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
