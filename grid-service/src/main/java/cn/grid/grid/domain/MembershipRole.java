package cn.grid.grid.domain;

/** A person's place in a party organisation. */
public enum MembershipRole {
    MEMBER,
    /** 书记 — one at a time per organisation */
    SECRETARY,
    /** 副书记 */
    DEPUTY_SECRETARY,
    /** 委员 */
    COMMITTEE_MEMBER,
    /** 党小组组长 — in a PARTY_GROUP only, one at a time */
    GROUP_LEADER;

    /** Roles of which an organisation has at most one holder at a time. */
    public boolean isSingle() {
        return this == SECRETARY || this == GROUP_LEADER;
    }
}
