package cn.grid.request.domain;

/** How a ticket was resolved. */
public enum Outcome {
    FIXED,
    ANSWERED,
    UNABLE,
    NOT_RESPONSIBLE,
    DUPLICATE_OF,
    REFERRED
}
