package cn.grid.platform.security;

/** The roles a token's {@code groups} claim may carry. */
public final class Roles {

    public static final String CITIZEN = "citizen";
    public static final String GRID_WORKER = "grid-worker";
    public static final String PARTY_MEMBER = "party-member";
    public static final String ORG_ADMIN = "org-admin";
    public static final String DISTRICT_ADMIN = "district-admin";
    public static final String SERVICE = "service";

    private Roles() {
    }
}
