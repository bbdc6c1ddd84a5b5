package cn.grid.study.api;

import cn.grid.study.app.RecordSession;
import cn.grid.study.domain.SessionKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "RecordSession", description = "A study-education session held (or planned) for a grid node.")
public record RecordSessionBody(
        @Schema(examples = "MICRO_LECTURE") @NotNull SessionKind kind,
        @Schema(examples = "百年党史微党课：红军长征过沾益") @NotBlank @Size(max = 200) String title,
        @Schema(description = "Where the session was held for; a node known from grid events") @NotNull UUID gridNodeId,
        @Schema(examples = "2026-11-20T19:30:00+08:00") @NotNull OffsetDateTime startsAt,
        @Schema(examples = "45") @Positive @Max(1440) Integer durationMinutes,
        @Schema(examples = "河西村党群服务中心") @Size(max = 200) String place,
        @Schema(description = "Who lectured; required for micro-lectures and lecture tours", examples = "张书记")
        @Size(max = 100) String speaker,
        @Schema(description = "The party organisation that held it, known from grid events") UUID orgId,
        @Schema(description = "The speaker's login subject: they earn LECTURE points (人人上讲台)", examples = "zhang.sj")
        @Size(max = 200) String speakerSubject,
        @Schema(description = "Catalogue materials used: the film shown, the book read …") @Size(max = 20)
        List<@NotNull UUID> materialIds,
        @Schema(description = "How many came who are not party members (群众)", examples = "12") @PositiveOrZero
        @Max(100000) Integer nonMemberAudience) {

    RecordSession toCommand() {
        return new RecordSession(kind, title.strip(), gridNodeId, startsAt, durationMinutes, place, speaker, orgId,
                speakerSubject, materialIds, nonMemberAudience);
    }
}
