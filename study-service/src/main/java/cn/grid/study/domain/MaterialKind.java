package cn.grid.study.domain;

/** What a catalogue entry is. */
public enum MaterialKind {
    /** a book, e.g. one of the four required texts (必读书目) */
    BOOK,
    /** 教育片: an education film, watched and reflected on (观后感) */
    FILM,
    /** 微党课: a short party lecture with its speaker; may be offered for ordering (点单式) */
    MICRO_LECTURE,
    ARTICLE
}
