package cn.grid.study.domain;

/** REQUESTED → ACCEPTED (a scheduled session) | DECLINED. */
public enum LectureOrderStatus {
    REQUESTED,
    ACCEPTED,
    DECLINED
}
