package cn.grid.study.domain;

import java.util.UUID;

/** One member's study over a period, for an organisation's export. */
public record MemberSummary(UUID personId, String personName, String subject, long sessionsAttended,
        long lectureSessions, long filmSessions, long lecturesGiven, long practice, long reflectionsApproved,
        long booksFinished, long pointsInPeriod, long balance) {
}
