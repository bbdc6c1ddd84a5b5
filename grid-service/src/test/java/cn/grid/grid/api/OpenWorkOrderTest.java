package cn.grid.grid.api;

import cn.grid.testsupport.TestGridEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * request.events delivered late or replayed (as new events, past the processed-event check) leave
 * request_work_view at each ticket's newest state, so the open work per node is right. Before, the row took
 * whatever arrived last: a late "dispatched" reopened a closed ticket and moved it back to the grid it had left.
 */
@QuarkusTest
class OpenWorkOrderTest {

    @Inject
    AgroalDataSource dataSource;

    private final List<String> sent = new ArrayList<>();

    @Test
    void aLateTransitionNeitherReopensAClosedTicketNorMovesItBack() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        publish("request.submitted.v1", ticket, Map.of("requestId", ticket.toString(),
                "gridNodeId", first.toString()), 1L);
        publish("request.rated.v1", ticket, Map.of("requestId", ticket.toString(), "gridNodeId", second.toString(),
                "toStatus", "CLOSED"), 3L);
        publish("request.dispatched.v1", ticket, Map.of("requestId", ticket.toString(),
                "gridNodeId", second.toString(), "toStatus", "DISPATCHED"), 2L);
        publish("request.submitted.v1", ticket, Map.of("requestId", ticket.toString(),
                "gridNodeId", first.toString()), 1L);
        awaitProcessed();

        assertThat(openAt(first)).isZero();
        assertThat(openAt(second)).isZero();
        assertThat(row(ticket)).isEqualTo(second + " CLOSED 3");

        // a ticket last changed by an event from before the number existed still takes a numbered one, and an
        // unnumbered one is applied as before
        UUID old = UUID.randomUUID();
        publish("request.submitted.v1", old, Map.of("requestId", old.toString(), "gridNodeId", first.toString()), null);
        publish("request.dispatched.v1", old, Map.of("requestId", old.toString(), "gridNodeId", second.toString(),
                "toStatus", "DISPATCHED"), 5L);
        awaitProcessed();
        assertThat(openAt(second)).isEqualTo(1);
        assertThat(row(old)).isEqualTo(second + " DISPATCHED 5");
    }

    private void publish(String name, UUID ticket, Map<String, Object> data, Long sequence) {
        sent.add(TestGridEvents.publish("request.events", name, ticket, data, sequence));
    }

    private void awaitProcessed() {
        List<String> ids = List.copyOf(sent);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                    select count(*) from processed_event
                    where consumer = 'grid-service.request-events' and event_id = any(?::uuid[])""")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == ids.size();
                }
            }
        });
    }

    private long openAt(UUID node) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select count(*) from request_work_view
                where grid_node_id = ? and status not in ('REJECTED', 'CLOSED', 'WITHDRAWN')""")) {
            s.setObject(1, node);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String row(UUID ticket) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select grid_node_id || ' ' || status || ' ' || last_sequence from request_work_view where request_id = ?")) {
            s.setObject(1, ticket);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
