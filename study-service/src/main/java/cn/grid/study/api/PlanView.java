package cn.grid.study.api;

import cn.grid.study.domain.StudyPlan;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "StudyPlanView", description = "A study plan as stored.")
public record PlanView(UUID id, UUID orgId, int year, String title, List<String> topics, List<UUID> bookIds,
        Integer sessionsPerMonth, Integer coveragePercent, String createdBy, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static PlanView of(StudyPlan p) {
        return new PlanView(p.id(), p.orgId(), p.year(), p.title(), p.topics(), p.bookIds(), p.sessionsPerMonth(),
                p.coveragePercent(), p.createdBy(), p.version(), p.createdAt(), p.updatedAt());
    }
}
