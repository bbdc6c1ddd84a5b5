package cn.grid.grid.domain;

/** What a 党支部 is built around. */
public enum BranchType {
    /** 网格党支部 */
    GRID,
    /** 村/社区党支部 */
    COMMUNITY,
    /** 物业公司党支部 */
    PROPERTY_COMPANY,
    /** 功能型党组织 (e.g. for mobile members, a project, a market) */
    FUNCTIONAL,
    /** 机关/企事业单位党支部 */
    INSTITUTION,
    OTHER
}
