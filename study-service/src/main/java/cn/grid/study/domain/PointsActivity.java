package cn.grid.study.domain;

/** What earns points (积分) — one configurable rule each. */
public enum PointsActivity {
    /** present or late at a session */
    ATTENDANCE,
    /** lecturing a session (人人上讲台) */
    LECTURE,
    /** a reflection (观后感/心得) approved */
    REFLECTION,
    /** a required book finished */
    BOOK_FINISHED,
    /** a citizen's ticket signed, resolved and rated satisfied (实践) */
    PRACTICE
}
