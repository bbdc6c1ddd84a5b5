package cn.grid.grid.domain;

/** Volunteer and service teams of the seed documents. */
public enum TeamKind {
    /** 志愿服务队 */
    VOLUNTEER_SERVICE,
    /** 宣讲队 / 宣讲团 */
    LECTURE,
    /** 党员突击队 */
    PARTY_COMMANDO,
    /** 党群服务队 */
    PARTY_MASS_SERVICE
}
