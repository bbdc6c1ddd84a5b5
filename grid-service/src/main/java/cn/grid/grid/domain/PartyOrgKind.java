package cn.grid.grid.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The levels of party organisation and which may hang under which:
 * 党工委 → 党委/党总支 → 党支部 → 党小组 → 党员责任区.
 */
public enum PartyOrgKind {
    /** 党工委 (a street's or town's working committee) */
    WORKING_COMMITTEE,
    /** 党委 */
    PARTY_COMMITTEE,
    /** 党总支 */
    GENERAL_BRANCH,
    /** 党支部 — with a {@link BranchType} */
    BRANCH,
    /** 党小组 */
    PARTY_GROUP,
    /** 党员责任区 */
    MEMBER_RESPONSIBILITY_AREA;

    /** The kinds an organisation of this kind may sit under; empty: it is a root. */
    public Set<PartyOrgKind> allowedParents() {
        return switch (this) {
            case WORKING_COMMITTEE -> EnumSet.noneOf(PartyOrgKind.class);
            case PARTY_COMMITTEE -> EnumSet.of(WORKING_COMMITTEE, PARTY_COMMITTEE);
            case GENERAL_BRANCH -> EnumSet.of(WORKING_COMMITTEE, PARTY_COMMITTEE);
            case BRANCH -> EnumSet.of(WORKING_COMMITTEE, PARTY_COMMITTEE, GENERAL_BRANCH);
            case PARTY_GROUP -> EnumSet.of(BRANCH);
            case MEMBER_RESPONSIBILITY_AREA -> EnumSet.of(BRANCH, PARTY_GROUP);
        };
    }

    /** A 党委 may also stand alone (e.g. a company's); a 党工委 always does. */
    public boolean mayBeRoot() {
        return this == WORKING_COMMITTEE || this == PARTY_COMMITTEE;
    }
}
