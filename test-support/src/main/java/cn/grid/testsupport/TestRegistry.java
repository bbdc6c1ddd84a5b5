package cn.grid.testsupport;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Places a login in the grid registry as grid-service would announce it (real events on grid.events), for the
 * tests of services that decide rights from their read models (request-, study-service), and waits until the
 * service under test has applied them. A token's {@code grid-worker}/{@code party-member}/{@code org-admin} roles
 * are not believed: a test that acts as one makes the login that person first.
 */
public final class TestRegistry {

    /** Grants start today where the grids are (the services count days in Asia/Shanghai), never in a past month. */
    private static final ZoneId GRIDS = ZoneId.of("Asia/Shanghai");

    private TestRegistry() {
    }

    /** A stable person id for a login, so several grants of one subject belong to one person. */
    public static UUID personOf(String subject) {
        return UUID.nameUUIDFromBytes(("person:" + subject).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Makes {@code subject} hold {@code role} (an assignment role: {@code GRID_WORKER}, {@code PARTY_MEMBER} for a
     * residence registration, {@code VOLUNTEER} ...) at the node, from today, and waits until the service applied
     * it. Returns the assignment id.
     */
    public static UUID assign(String subject, UUID nodeId, String nodePath, String role) {
        UUID assignmentId = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assignmentId", assignmentId.toString());
        data.put("personId", personOf(subject).toString());
        data.put("personName", "测试 " + subject);
        data.put("subject", subject);
        data.put("nodeId", nodeId.toString());
        data.put("nodePath", nodePath);
        data.put("startDate", LocalDate.now(GRIDS).toString());
        if ("PARTY_MEMBER".equals(role)) {
            TestGridEvents.publish("grid.party-member.registered.v1", assignmentId, data);
        } else {
            data.put("role", role);
            data.put("endDate", null);
            TestGridEvents.publish("grid.assignment.started.v1", assignmentId, data);
        }
        awaitRow("select count(*) from grid_assignment_view where assignment_id = ?", assignmentId);
        return assignmentId;
    }

    /** Ends an assignment made by {@link #assign} (its last day yesterday) and waits until it is applied. */
    public static void end(UUID assignmentId, boolean partyMember) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assignmentId", assignmentId.toString());
        data.put("endDate", LocalDate.now(GRIDS).minusDays(1).toString());
        TestGridEvents.publish(partyMember ? "grid.party-member.unregistered.v1" : "grid.assignment.ended.v1",
                assignmentId, data);
        awaitRow("select count(*) from grid_assignment_view where assignment_id = ? and end_date is not null",
                assignmentId);
    }

    /**
     * Makes {@code subject} hold {@code role} ({@code SECRETARY}, {@code MEMBER} ...) in a party organisation the
     * service already knows, and waits until it is applied. Returns the membership id.
     */
    public static UUID orgRole(String subject, UUID orgId, String role) {
        UUID membershipId = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("membershipId", membershipId.toString());
        data.put("orgId", orgId.toString());
        data.put("personId", personOf(subject).toString());
        data.put("personName", "测试 " + subject);
        data.put("subject", subject);
        data.put("role", role);
        data.put("startDate", LocalDate.now(GRIDS).toString());
        data.put("endDate", null);
        TestGridEvents.publish("grid.party-org.membership-changed.v1", orgId, data);
        awaitRow("select count(*) from party_org_member_view where membership_id = ?", membershipId);
        return membershipId;
    }

    /**
     * Makes {@code subject} the secretary of a new party committee at the node (an organisation administrator over
     * the node's subtree), and waits until the service applied both. Returns the organisation's id.
     */
    public static UUID orgAdmin(String subject, UUID nodeId, String nodePath) {
        UUID orgId = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orgId", orgId.toString());
        data.put("parentId", null);
        data.put("orgPath", "/" + orgId + "/");
        data.put("kind", "PARTY_COMMITTEE");
        data.put("branchType", null);
        data.put("name", "测试党委 " + subject);
        data.put("gridNodeId", nodeId.toString());
        data.put("gridPath", nodePath);
        TestGridEvents.publish("grid.party-org.created.v1", orgId, data);
        awaitRow("select count(*) from party_org_view where org_id = ?", orgId);
        orgRole(subject, orgId, "SECRETARY");
        return orgId;
    }

    private static void awaitRow(String countSql, UUID id) {
        Awaitility.await("the service applies the registry event for " + id).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> count(countSql, id) > 0);
    }

    private static long count(String sql, UUID id) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the service's registry read model", e);
        }
    }
}
