package cn.grid.platform.security;

import java.util.Set;

/**
 * The roles the suite checks. Two kinds, from two sources:
 * <ul>
 * <li>coarse realm roles a token may carry (the identity provider's): {@code citizen}, {@code staff},
 * {@code service}, {@code district-admin};</li>
 * <li>roles the grid registry gives the login's person ({@link PersonRights#derivedRoles()}): {@code grid-worker},
 * {@code party-member}, {@code org-admin}. A token that claims one of these is not believed: the claim is dropped
 * and the registry decides.</li>
 * </ul>
 */
public final class Roles {

    public static final String CITIZEN = "citizen";
    /** Someone who works for the district (a grid worker, a community's clerk): what they may do, the registry says. */
    public static final String STAFF = "staff";
    public static final String GRID_WORKER = "grid-worker";
    public static final String PARTY_MEMBER = "party-member";
    public static final String ORG_ADMIN = "org-admin";
    public static final String DISTRICT_ADMIN = "district-admin";
    public static final String SERVICE = "service";

    /** The roles a token's {@code groups} claim is believed for. */
    public static final Set<String> TOKEN_ROLES = Set.of(CITIZEN, STAFF, SERVICE, DISTRICT_ADMIN);

    /** The roles only the registry gives. */
    public static final Set<String> REGISTRY_ROLES = Set.of(GRID_WORKER, PARTY_MEMBER, ORG_ADMIN);

    private Roles() {
    }
}
