package cn.grid.platform.security;

import cn.grid.platform.problem.DomainProblem;

import java.util.Set;

/**
 * Who is calling: the token's subject, roles and the grid node the token is bound to.
 *
 * <p>A bound caller sees and acts only within the subtree of its node. Only a district administrator or a
 * service account may be unbound, and then it sees everything; any other unbound caller sees no grid data.
 *
 * @param gridScope id of the node the token is bound to, or null when unbound
 */
public record Caller(String subject, Set<String> roles, String gridScope) {

    public static final String GRID_SCOPE_CLAIM = "grid_scope";

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * Whether a resource that lives under the node with materialized path {@code nodePath}
     * ({@code /root/.../node/}) is in this caller's scope.
     */
    public boolean covers(String nodePath) {
        if (gridScope == null) {
            return hasRole(Roles.DISTRICT_ADMIN) || hasRole(Roles.SERVICE);
        }
        return nodePath != null && nodePath.contains("/" + gridScope + "/");
    }

    /** Refuses with 403 unless {@link #covers(String)}. */
    public void requireScope(String nodePath, String what) {
        if (!covers(nodePath)) {
            throw DomainProblem.forbidden(what + " is outside the grid scope of your token");
        }
    }
}
