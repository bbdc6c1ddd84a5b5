package cn.grid.system;

import io.restassured.http.ContentType;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Grid nodes the system tests build their places from, created through a gateway like any client would. */
final class GridNodes {

    private GridNodes() {
    }

    /**
     * Creates a node named {@code name} at {@code level} under {@code parent} (null for a district) with a fresh code
     * (codes are unique in the tree, and each test class runs against its own databases but may create the same
     * names), and answers its id.
     */
    static String create(String gateway, String authorization, String name, String level, String parent) {
        return given().baseUri(gateway).header("Authorization", authorization).contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"level\": \"%s\", \"code\": \"%s\"%s}".formatted(name, level,
                        level.charAt(0) + UUID.randomUUID().toString().substring(0, 8),
                        parent == null ? "" : ", \"parentId\": \"" + parent + "\""))
                .post("/api/v1/grids").then().statusCode(201).extract().path("id");
    }
}
