package cn.grid.request.api;

import cn.grid.testsupport.TestGridEvents;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * People and teams of the registry, published on grid.events as grid-service would and awaited until
 * request-service's read models hold them: who a dispatch may name and which person a login is.
 */
final class RegistryFixture {

    private RegistryFixture() {
    }

    /**
     * A person with login {@code subject} holding {@code role} (GRID_WORKER, PARTY_MEMBER, VOLUNTEER ...) at the node
     * since 2021; returns the person's id.
     */
    static UUID person(DataSource db, String subject, String name, UUID nodeId, String nodePath, String role) {
        return assignment(db, UUID.randomUUID(), subject, name, nodeId, nodePath, role, null);
    }

    /** Another (or an ended, with {@code endDate}) assignment of an existing person. */
    static UUID assignment(DataSource db, UUID personId, String subject, String name, UUID nodeId, String nodePath,
            String role, String endDate) {
        UUID assignment = UUID.randomUUID();
        Map<String, Object> data = new HashMap<>();
        data.put("assignmentId", assignment.toString());
        data.put("personId", personId.toString());
        data.put("personName", name);
        data.put("subject", subject);
        data.put("nodeId", nodeId.toString());
        data.put("nodePath", nodePath);
        data.put("role", role);
        data.put("startDate", "2021-01-01");
        data.put("endDate", endDate);
        TestGridEvents.publish("grid.assignment.started.v1", assignment, data);
        awaitRow(db, "select 1 from grid_assignment_view where assignment_id = ?", assignment);
        return personId;
    }

    /** A team of the grid at {@code gridPath} with the given status and members (person id → subject). */
    static UUID team(DataSource db, String name, UUID gridNodeId, String gridPath, String status,
            Map<UUID, String> members) {
        UUID team = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("teamId", team.toString());
        data.put("name", name);
        data.put("version", 1);
        data.put("gridNodeId", gridNodeId.toString());
        data.put("gridPath", gridPath);
        data.put("status", status);
        data.put("members", members.entrySet().stream().map(m -> Map.of("personId", m.getKey().toString(),
                "personName", "队员 " + m.getValue(), "subject", m.getValue(), "role", "MEMBER")).toList());
        TestGridEvents.publish("grid.team.changed.v1", team, data);
        awaitRow(db, "select 1 from team_view where team_id = ?", team);
        return team;
    }

    /** How many outbox rows carry the request as key (its events, published or waiting). */
    static long outboxRows(DataSource db, String requestId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from outbox_event where event_key = ?")) {
            s.setString(1, requestId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitRow(DataSource db, String sql, UUID id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }
}
