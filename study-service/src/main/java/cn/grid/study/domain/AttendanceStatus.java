package cn.grid.study.domain;

/** 签到: how a member took part in a session. */
public enum AttendanceStatus {
    PRESENT,
    LATE,
    ABSENT,
    /** 请假 */
    EXCUSED;

    /** Whether the member took part (and earns ATTENDANCE points). */
    public boolean attended() {
        return this == PRESENT || this == LATE;
    }
}
