package cn.grid.study.domain;

/** The three parts of the monthly rule 一课一片一实践. */
public enum CompliancePart {
    /** 一课: took part in (or gave) a lecture-type session */
    LECTURE,
    /** 一片: took part in a film screening */
    FILM,
    /** 一实践: a citizen's ticket taken, resolved and rated satisfied */
    PRACTICE
}
