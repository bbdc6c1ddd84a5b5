package cn.grid.contracts.events.study;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.IntegrationEvent;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A session's attendance after a batch was recorded or corrected: the counts and who took part (present or
 * late), by login subject — what coverage and compliance reports need.
 */
public record StudyAttendanceRecordedV1(String sessionId, String kind, String gridNodeId, OffsetDateTime startsAt,
        int present, int late, int absent, int excused, List<String> attended, OffsetDateTime at)
        implements IntegrationEvent {

    @Override
    public String eventType() {
        return EventTypes.STUDY_ATTENDANCE_RECORDED;
    }

    @Override
    public String aggregateId() {
        return sessionId;
    }
}
