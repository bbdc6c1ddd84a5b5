package cn.grid.study.domain;

/** SUBMITTED → APPROVED | RETURNED; RETURNED → SUBMITTED when the member resubmits. */
public enum ReflectionState {
    SUBMITTED,
    APPROVED,
    RETURNED
}
