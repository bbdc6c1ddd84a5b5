package cn.grid.grid.domain;

/** What an invitation offers: a role at a node, a place in a party organisation, or a place in a team. */
public enum InvitationKind {
    ASSIGNMENT,
    ORG_MEMBERSHIP,
    TEAM
}
