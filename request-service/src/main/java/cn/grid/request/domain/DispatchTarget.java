package cn.grid.request.domain;

/** Whom a ticket is dispatched to (派单). */
public enum DispatchTarget {
    /** a grid node: its workers and registered members take it */
    GRID,
    /** one person (token subject) */
    PERSON,
    /** a volunteer or service team */
    TEAM,
    /** a government department, named */
    DEPARTMENT
}
