package cn.grid.study;

import cn.grid.testsupport.TestGridEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Party organisations, memberships and teams reach study-service's read models (coverage denominators). */
@QuarkusTest
class GridReadModelsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void organisationsMembershipsAndTeamsAreKept() throws Exception {
        UUID org = UUID.randomUUID();
        UUID grid = UUID.randomUUID();
        TestGridEvents.publish("grid.party-org.created.v1", org, Map.of("orgId", org.toString(),
                "orgPath", "/" + org + "/", "parentId", "", "gridNodeId", grid.toString(),
                "gridPath", "/" + grid + "/"));
        // parentId "" is not a UUID: that event is dead-lettered; the corrected one is applied
        Map<String, Object> root = new HashMap<>(Map.of("orgId", org.toString(), "orgPath", "/" + org + "/",
                "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/"));
        root.put("parentId", null);
        TestGridEvents.publish("grid.party-org.created.v1", org, root);
        await().atMost(Duration.ofSeconds(20)).until(() -> value("select name from party_org_view where org_id = ?", org)
                != null);
        TestGridEvents.publish("grid.party-org.changed.v1", org, Map.of("orgId", org.toString(),
                "orgPath", "/" + org + "/", "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/",
                "name", "改名后的支部"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "改名后的支部".equals(
                value("select name from party_org_view where org_id = ?", org)));

        UUID membership = UUID.randomUUID();
        TestGridEvents.publish("grid.party-org.membership-changed.v1", org, Map.of("membershipId",
                membership.toString(), "orgId", org.toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "SECRETARY".equals(
                value("select role from party_org_member_view where membership_id = ?", membership)));

        UUID team = UUID.randomUUID();
        TestGridEvents.publish("grid.team.changed.v1", team, Map.of("teamId", team.toString(), "version", 3,
                "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/"));
        await().atMost(Duration.ofSeconds(20)).until(() -> value("select version from team_view where team_id = ?",
                team) != null);
        // an older snapshot arriving late changes nothing
        TestGridEvents.publish("grid.team.changed.v1", team, Map.of("teamId", team.toString(), "version", 1,
                "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/", "members", List.of()));
        TestGridEvents.publish("grid.team.changed.v1", team, Map.of("teamId", team.toString(), "version", 4,
                "gridNodeId", grid.toString(), "gridPath", "/" + grid + "/", "name", "新名字"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "4".equals(
                value("select version from team_view where team_id = ?", team)));
        assertThat(value("select members::text from team_view where team_id = ?", team)).contains("队长");
    }

    private String value(String sql, UUID id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
