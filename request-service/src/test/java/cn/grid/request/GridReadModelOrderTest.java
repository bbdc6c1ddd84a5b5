package cn.grid.request;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * grid.events delivered late, out of order or replayed (each as a new event, so the processed-event check does not
 * hide it) never move a read model backwards: every row ends equal to the newest state its subject's events
 * describe. Before the rows kept their last applied subjectsequence, each of these ended on whatever came last.
 */
@QuarkusTest
class GridReadModelOrderTest {

    @Inject
    AgroalDataSource dataSource;

    private final List<String> sent = new ArrayList<>();

    @Test
    void aLateUpdateAndAReplayedCreateDoNotUndoARenameOrARetirement() throws Exception {
        UUID node = UUID.randomUUID();
        String path = "/" + node + "/";
        created(node, null, path, "一", 1L);
        updated(node, path, "三", 3L);
        publish("grid.node.retired.v1", node, Map.of("nodeId", node.toString(), "path", path, "reason", "撤并"), 4L);
        updated(node, path, "二", 2L);
        created(node, null, path, "一", 1L);
        awaitProcessed();

        assertThat(row("select name || ' ' || status || ' ' || last_sequence from grid_node_view where id = ?", node))
                .isEqualTo("三 RETIRED 4");
    }

    @Test
    void aLateMoveDoesNotTakeANodeBackAndAChildCreatedBeforeItsParentMovedEndsUnderTheNewPlace() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID node = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        created(a, null, "/" + a + "/", "A", null);
        created(b, null, "/" + b + "/", "B", null);
        awaitProcessed();
        String underA = "/" + a + "/" + node + "/";
        String underB = "/" + b + "/" + node + "/";
        created(node, a, underA, "街道", 1L);
        // moved to B (2), then back to A (3); the move to B arrives last
        moved(node, b, a, underB, underA, 3L);
        moved(node, a, b, underA, underB, 2L);
        awaitProcessed();
        assertThat(row("select path || ' ' || parent_id || ' ' || last_sequence from grid_node_view where id = ?",
                node)).isEqualTo(underA + " " + a + " 3");

        // the node moves to B (4); its child, created under A before that, is applied after the move
        moved(node, a, b, underA, underB, 4L);
        awaitProcessed();
        created(child, node, underA + child + "/", "社区", 1L);
        awaitProcessed();
        assertThat(row("select path from grid_node_view where id = ?", child)).isEqualTo(underB + child + "/");
    }

    @Test
    void aReplayedStartDoesNotReopenAnEndedAssignment() throws Exception {
        UUID node = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        Map<String, Object> started = Map.of("assignmentId", assignment.toString(), "nodeId", node.toString(),
                "nodePath", "/" + node + "/", "role", "GRID_WORKER", "startDate", "2026-11-01");
        publish("grid.assignment.started.v1", assignment, started, 1L);
        publish("grid.assignment.ended.v1", assignment, Map.of("assignmentId", assignment.toString(),
                "nodeId", node.toString(), "endDate", "2026-11-30"), 2L);
        publish("grid.assignment.started.v1", assignment, started, 1L);
        awaitProcessed();

        assertThat(row("select coalesce(end_date::text, 'open') from grid_assignment_view where assignment_id = ?",
                assignment)).isEqualTo("2026-11-30");
    }

    @Test
    void aLateCreateDoesNotUndoAnOrganisationsRenameAndUnnumberedEventsStillApply() throws Exception {
        UUID org = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>(Map.of("orgId", org.toString(), "parentId", org.toString(),
                "orgPath", "/" + org + "/", "name", "第一支部"));
        publish("grid.party-org.created.v1", org, data, 1L);
        data.put("name", "第一网格党支部");
        publish("grid.party-org.changed.v1", org, data, 2L);
        data.put("name", "第一支部");
        publish("grid.party-org.created.v1", org, data, 1L);
        awaitProcessed();
        assertThat(row("select name from party_org_view where org_id = ?", org)).isEqualTo("第一网格党支部");

        // an event published before subjectsequence existed carries none: applied as it always was
        data.put("name", "老支部");
        publish("grid.party-org.changed.v1", org, data, null);
        awaitProcessed();
        assertThat(row("select name || ' ' || last_sequence from party_org_view where org_id = ?", org))
                .isEqualTo("老支部 2");
    }

    private void created(UUID node, UUID parent, String path, String name, Long sequence) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("nodeId", node.toString());
        data.put("parentId", parent == null ? null : parent.toString());
        data.put("path", path);
        data.put("level", "STREET");
        data.put("code", "C");
        data.put("name", name);
        publish("grid.node.created.v1", node, data, sequence);
    }

    private void updated(UUID node, String path, String name, long sequence) {
        publish("grid.node.updated.v1", node, Map.of("nodeId", node.toString(), "path", path, "level", "STREET",
                "code", "C", "name", name), sequence);
    }

    private void moved(UUID node, UUID from, UUID to, String oldPath, String newPath, long sequence) {
        publish("grid.node.moved.v1", node, Map.of("nodeId", node.toString(), "oldParentId", from.toString(),
                "newParentId", to.toString(), "oldPath", oldPath, "newPath", newPath, "level", "STREET"), sequence);
    }

    private void publish(String name, UUID subject, Map<String, Object> data, Long sequence) {
        sent.add(TestGridEvents.publish(TestGridEvents.TOPIC, name, subject, data, sequence));
    }

    /** Until every event sent so far has been handled by the read model's consumer. */
    private void awaitProcessed() {
        List<String> ids = List.copyOf(sent);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select count(*) from processed_event where event_id = any(?::uuid[])")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) >= ids.size();
                }
            }
        });
    }

    private String row(String sql, UUID id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
