package cn.grid.grid.domain;

/**
 * A person's place in a party organisation, declared by precedence: an organisation's roll lists its secretary
 * first and its plain members last, which is the enum's natural order (stored by name, so reordering never
 * moves data).
 */
public enum MembershipRole {
    /** 书记 — one at a time per organisation */
    SECRETARY,
    /** 副书记 */
    DEPUTY_SECRETARY,
    /** 委员 */
    COMMITTEE_MEMBER,
    /** 党小组组长 — in a PARTY_GROUP only, one at a time */
    GROUP_LEADER,
    MEMBER;

    /** Roles of which an organisation has at most one holder at a time. */
    public boolean isSingle() {
        return this == SECRETARY || this == GROUP_LEADER;
    }
}
