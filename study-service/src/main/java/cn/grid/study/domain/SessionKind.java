package cn.grid.study.domain;

/** The forms study-education takes in the seed documents. */
public enum SessionKind {
    /** 微党课 */
    MICRO_LECTURE,
    /** 板凳课堂 */
    BENCH_CLASS,
    /** 宣讲 (lecture tours) */
    LECTURE_TOUR,
    /** 观影 with reflections (观后感) */
    FILM_SCREENING,
    /** 读书会 (required reading) */
    READING_CLUB,
    /** 主题党日 */
    THEMED_PARTY_DAY,
    /** a visit, e.g. to a patriotic education base */
    SITE_VISIT,
    /** 送学上门: study brought to elderly members' homes */
    HOME_DELIVERY,
    ONLINE;

    /**
     * Whether taking part counts as the month's 一课 (a party lecture in one of its forms, brought home to elderly
     * members included); themed party days, visits and reading clubs are study, but not the lecture.
     */
    public boolean isLecture() {
        return this == MICRO_LECTURE || this == BENCH_CLASS || this == LECTURE_TOUR || this == HOME_DELIVERY
                || this == ONLINE;
    }

    /** Whether taking part counts as the month's 一片 (a film). */
    public boolean isFilm() {
        return this == FILM_SCREENING;
    }
}
