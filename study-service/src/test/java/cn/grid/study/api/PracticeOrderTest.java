package cn.grid.study.api;

import cn.grid.testsupport.TestGridEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static cn.grid.study.api.PracticeAndPointsTest.balance;
import static cn.grid.study.api.PracticeAndPointsTest.member;
import static cn.grid.study.api.PracticeAndPointsTest.org;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A satisfied rating that arrives after the redo that followed it (late, or replayed as a new event) credits
 * nothing: the practice follows the ticket's newest event. Before, it credited the member a second time.
 */
@QuarkusTest
class PracticeOrderTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRatingOlderThanTheRedoDoesNotCreditAgain() {
        PracticeAndPointsTest.Member zhou = member("周党员", org());
        UUID ticket = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("Authorization", PracticeAndPointsTest.ADMIN)
                .get("/api/v1/study/members/" + zhou.personId() + "/points").then().statusCode(200));

        rated(ticket, zhou.subject(), 7L);
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(zhou) == 5);
        TestGridEvents.publish("request.events", "request.reopened.v1", ticket, Map.of("requestId", ticket.toString(),
                "reason", "又漏了"), 8L);
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(zhou) == 0);

        String late = rated(ticket, zhou.subject(), 7L);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(late));
        assertThat(balance(zhou)).isZero();

        // done again and rated satisfied (a newer event): credited again
        rated(ticket, zhou.subject(), 9L);
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(zhou) == 5);
    }

    private static String rated(UUID requestId, String assignee, long sequence) {
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", requestId.toString());
        data.put("assignee", assignee);
        data.put("rating", 5);
        data.put("satisfied", true);
        data.put("toStatus", "CLOSED");
        data.put("at", Instant.now().toString());
        return TestGridEvents.publish("request.events", "request.rated.v1", requestId, data, sequence);
    }

    private boolean processed(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select count(*) from processed_event
                where consumer = 'study-service.request-events' and event_id = ?::uuid""")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }
}
