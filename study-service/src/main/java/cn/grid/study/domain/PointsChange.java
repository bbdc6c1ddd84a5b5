package cn.grid.study.domain;

/**
 * One member's line of a points batch for one activity and source: a credit (nothing when one stands already) or
 * the reversal of the standing credit (nothing when none stands).
 */
public record PointsChange(String subject, boolean credit, String reason) {

    public static PointsChange credit(String subject, String reason) {
        return new PointsChange(subject, true, reason);
    }

    public static PointsChange reversal(String subject, String reason) {
        return new PointsChange(subject, false, reason);
    }

    /**
     * 签到 and ATTENDANCE points: taking part (present or late) earns the session's credit; any other mark takes a
     * standing one back, saying what the mark became and why.
     */
    public static PointsChange forAttendance(String subject, AttendanceStatus status, String sessionTitle,
            String correctionReason) {
        return status.attended()
                ? credit(subject, "参加《" + sessionTitle + "》")
                : reversal(subject, "签到更正为 " + status + (correctionReason == null ? "" : ": " + correctionReason));
    }
}
