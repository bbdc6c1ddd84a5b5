package cn.grid.platform.security;

import java.time.LocalDate;
import java.util.Set;

/**
 * One current place of a person in the grid registry, as a right: a role at a node (网格员 at a grid, a party
 * member registered there ...), a role in a party organisation, or a place in a team. {@code nodePath} is where the
 * grant reaches: the node's materialized path ({@code /root/.../node/}) for an assignment, the organisation's or the
 * team's grid node for the other two.
 *
 * @param kind      where the grant comes from
 * @param role      the registry's role name: an assignment role ({@code GRID_WORKER}, {@code PARTY_MEMBER} ...),
 *                  a membership role ({@code SECRETARY}, {@code MEMBER} ...) or a team role
 * @param nodeId    the node the grant is at (for an organisation or a team: its grid node)
 * @param orgId     the party organisation of an {@link Kind#ORG_MEMBERSHIP}, else null
 * @param teamId    the team of a {@link Kind#TEAM} place, else null
 * @param endDate   the last day, when the grant is known to end; null when open
 */
public record Grant(Kind kind, String role, String nodeId, String nodePath, String orgId, String teamId,
        LocalDate startDate, LocalDate endDate) {

    public enum Kind { ASSIGNMENT, ORG_MEMBERSHIP, TEAM }

    /** Assignment roles that make their holder staff of the node's subtree: they accept, dispatch, review. */
    private static final Set<String> STAFF_ASSIGNMENTS = Set.of("GRID_HEAD", "GRID_WORKER",
            "SERVICE_SPECIALIST");
    /** Organisation roles that administer the organisation (书记, 副书记, 委员). */
    private static final Set<String> ORG_ADMIN_ROLES = Set.of("SECRETARY", "DEPUTY_SECRETARY",
            "COMMITTEE_MEMBER");

    /** Whether the grant makes its holder a grid worker (staff) over the subtree of {@link #nodePath()}. */
    public boolean isGridStaff() {
        return kind == Kind.ASSIGNMENT && STAFF_ASSIGNMENTS.contains(role);
    }

    /** Whether the grant makes its holder an administrator of a party organisation. */
    public boolean isOrgAdmin() {
        return kind == Kind.ORG_MEMBERSHIP && ORG_ADMIN_ROLES.contains(role);
    }

    /** Staff rights over the subtree: a grid worker's or an organisation administrator's. */
    public boolean isStaff() {
        return isGridStaff() || isOrgAdmin();
    }

    /** Whether the grant makes its holder a party member: a residence registration or any organisation role. */
    public boolean isPartyMember() {
        return kind == Kind.ORG_MEMBERSHIP || kind == Kind.ASSIGNMENT && "PARTY_MEMBER".equals(role);
    }

    /** Whether the subtree of this grant's node holds the node with materialized path {@code path}. */
    public boolean reaches(String path) {
        return path != null && nodePath != null && path.startsWith(nodePath);
    }

    /** Whether the grant holds on {@code day}. */
    public boolean activeOn(LocalDate day) {
        return (startDate == null || !startDate.isAfter(day)) && (endDate == null || !endDate.isBefore(day));
    }
}
