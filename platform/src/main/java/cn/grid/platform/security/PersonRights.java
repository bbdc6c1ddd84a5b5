package cn.grid.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the grid registry says about the person a login is linked to: who they are and their current grants.
 * A login linked to no person has {@link #NONE}: no person, no grants, so no rights beyond its token's coarse role.
 *
 * @param personId   the registry's person id, or null when the login is linked to no person
 * @param personName the person's name as the registry has it
 * @param grants     the person's current grants (assignments, organisation roles, team places)
 */
public record PersonRights(String personId, String personName, List<Grant> grants) {

    public static final PersonRights NONE = new PersonRights(null, null, List.of());

    public PersonRights {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /**
     * The roles these grants give, in {@link Roles}' names: {@code grid-worker} for a grid worker, head or
     * specialist anywhere, {@code party-member} for a residence registration or any organisation role,
     * {@code org-admin} for an organisation's secretary, deputy or committee member.
     */
    public Set<String> derivedRoles() {
        Set<String> roles = new LinkedHashSet<>();
        for (Grant grant : grants) {
            if (grant.isGridStaff()) {
                roles.add(Roles.GRID_WORKER);
            }
            if (grant.isPartyMember()) {
                roles.add(Roles.PARTY_MEMBER);
            }
            if (grant.isOrgAdmin()) {
                roles.add(Roles.ORG_ADMIN);
            }
        }
        return roles;
    }
}
