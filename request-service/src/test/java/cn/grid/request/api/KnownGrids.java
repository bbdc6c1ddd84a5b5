package cn.grid.request.api;

import cn.grid.platform.security.Roles;
import cn.grid.testsupport.TestGridEvents;
import cn.grid.testsupport.TestJwt;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Grid nodes published as grid-service would, and awaited until request-service's read model knows them. */
final class KnownGrids {

    private static final String[] LEVELS = {"DISTRICT", "STREET", "COMMUNITY", "GRID"};

    private KnownGrids() {
    }

    /** A chain district → street → community → grid (as many as given), each the child of the one before. */
    static void chain(UUID[] nodes, String[] names) {
        String path = "/";
        for (int i = 0; i < nodes.length; i++) {
            path += nodes[i] + "/";
            TestGridEvents.nodeCreated(nodes[i], i == 0 ? null : nodes[i - 1], path, LEVELS[i], LEVELS[i].substring(0, 1)
                    + i, names[i]);
        }
        awaitKnown(nodes);
    }

    static void awaitKnown(UUID... nodes) {
        String service = "Bearer " + TestJwt.token("svc", null, Roles.SERVICE);
        for (UUID node : nodes) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", service)
                    .get("/api/v1/requests/grid-nodes/" + node).then().statusCode(200));
        }
    }
}
