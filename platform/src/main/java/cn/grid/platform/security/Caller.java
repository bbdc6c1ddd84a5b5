package cn.grid.platform.security;

import cn.grid.platform.problem.DomainProblem;

import java.util.List;
import java.util.Set;

/**
 * Who is calling: the token's subject and coarse role, and what the grid registry says of the person the login is
 * linked to (their grants, and the roles those give).
 *
 * <p>What a caller may see and do at a node is decided from the grants, not from the token:
 * <ul>
 * <li>{@link #covers(String)}: the node is in the subtree of any current grant (a grid worker's grid, the grid a
 * party member is registered at, an organisation's or a team's grid);</li>
 * <li>{@link #staffOver(String)}: the node is in the subtree of a staff grant (grid worker, head or specialist;
 * an organisation's secretary, deputy or committee member).</li>
 * </ul>
 * A district administrator or a service account covers everything. A {@code grid_scope} claim in the token, where
 * present, only narrows: nothing outside the subtree of that node is covered, whatever the grants.
 *
 * @param roles     the token's coarse roles plus the roles derived from the grants
 * @param gridScope id of the node a token narrows the caller to, or null when the token does not narrow
 * @param personId  the registry's person linked to the login, or null
 * @param grants    the person's current grants (empty without a person)
 */
public record Caller(String subject, Set<String> roles, String gridScope, String personId, String personName,
        List<Grant> grants) {

    public static final String GRID_SCOPE_CLAIM = "grid_scope";

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /** A caller known by its roles only (a service's own authority, an Open311 key's submitter): no person. */
    public Caller(String subject, Set<String> roles, String gridScope) {
        this(subject, roles, gridScope, null, null, List.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** A district administrator or a service account: everything, unless the token narrows it. */
    public boolean isDistrictWide() {
        return hasRole(Roles.DISTRICT_ADMIN) || hasRole(Roles.SERVICE);
    }

    /**
     * Whether a resource that lives under the node with materialized path {@code nodePath}
     * ({@code /root/.../node/}) is within reach of any of this caller's grants. {@code covers(null)} asks whether
     * the caller sees everything.
     */
    public boolean covers(String nodePath) {
        if (!withinTokenScope(nodePath)) {
            return false;
        }
        if (isDistrictWide()) {
            return true;
        }
        return grants.stream().anyMatch(g -> g.reaches(nodePath));
    }

    /** Whether the caller is staff over the node: a district-wide role, or a staff grant reaching it. */
    public boolean staffOver(String nodePath) {
        if (!withinTokenScope(nodePath)) {
            return false;
        }
        if (isDistrictWide()) {
            return true;
        }
        return grants.stream().anyMatch(g -> g.isStaff() && g.reaches(nodePath));
    }

    /** Whether a non-staff grant (registration, membership, team place, a head's or volunteer's role) reaches it. */
    public boolean memberAt(String nodePath) {
        return withinTokenScope(nodePath) && grants.stream().anyMatch(g -> !g.isStaff() && g.reaches(nodePath));
    }

    /** Whether a grid worker's grant (not an organisation role) reaches the node. */
    public boolean gridStaffOver(String nodePath) {
        if (!withinTokenScope(nodePath)) {
            return false;
        }
        return isDistrictWide() || grants.stream().anyMatch(g -> g.isGridStaff() && g.reaches(nodePath));
    }

    /** Whether an organisation administrator's grant reaches the node, or the caller is a district administrator. */
    public boolean orgAdminOver(String nodePath) {
        if (!withinTokenScope(nodePath)) {
            return false;
        }
        return hasRole(Roles.DISTRICT_ADMIN) || grants.stream().anyMatch(g -> g.isOrgAdmin() && g.reaches(nodePath));
    }

    /**
     * A citizen and nothing else: no grant in the registry, no district-wide role. Such a caller sees only what they
     * reported themselves and the public information of the grid.
     */
    public boolean isCitizenOnly() {
        return !isDistrictWide() && grants.isEmpty();
    }

    /** The subtrees the caller's grants reach (staff ones only when {@code staffOnly}), narrowest first removed. */
    public List<String> reach(boolean staffOnly) {
        List<String> paths = grants.stream().filter(g -> !staffOnly || g.isStaff()).map(Grant::nodePath)
                .filter(p -> p != null && (gridScope == null || p.contains("/" + gridScope + "/"))).distinct()
                .sorted().toList();
        // a path inside another listed one adds nothing
        return paths.stream().filter(p -> paths.stream().noneMatch(q -> !q.equals(p) && p.startsWith(q))).toList();
    }

    /** Refuses with 403 unless {@link #covers(String)}. */
    public void requireScope(String nodePath, String what) {
        if (!covers(nodePath)) {
            throw DomainProblem.forbidden(what + " is outside the grid scope the registry gives you");
        }
    }

    /** Refuses with 403 unless {@link #staffOver(String)}. */
    public void requireStaffOver(String nodePath, String what) {
        if (!staffOver(nodePath)) {
            throw DomainProblem.forbidden(what + " is outside the grid scope where the registry makes you staff");
        }
    }

    private boolean withinTokenScope(String nodePath) {
        if (gridScope == null) {
            return true;
        }
        return nodePath != null && nodePath.contains("/" + gridScope + "/");
    }
}
