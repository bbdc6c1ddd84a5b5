package cn.grid.study.api;

import cn.grid.study.app.PlaceLectureOrder;
import cn.grid.study.domain.LectureOrder;
import cn.grid.study.domain.LectureOrderStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The JSON shapes of 点单式 lecture orders. */
public final class LectureOrderBodies {

    private LectureOrderBodies() {
    }

    @Schema(name = "PlaceLectureOrder", description = "屋场微党课等你来: a branch orders an offered micro-lecture.")
    public record Place(@Schema(description = "An offered MICRO_LECTURE from the catalogue") @NotNull UUID materialId,
            @Schema(description = "The ordering party organisation (branch)") @NotNull UUID orgId,
            @Schema(examples = "2026-12-05T19:30:00+08:00") @NotNull OffsetDateTime wantedAt,
            @Schema(examples = "龙王庙村屋场") @Size(max = 200) String place) {

        PlaceLectureOrder toCommand() {
            return new PlaceLectureOrder(materialId, orgId, wantedAt, MaterialBody.blankToNull(place));
        }
    }

    @Schema(name = "DeclineLectureOrder")
    public record Decline(@Schema(examples = "当天已有巡讲安排，请改约") @Size(max = 500) String reason) {
    }

    @Schema(name = "LectureOrder", description = "An order of a micro-lecture and its answer.")
    public record View(UUID id, UUID materialId, UUID orgId, String speakerSubject, OffsetDateTime wantedAt, String place,
            LectureOrderStatus status, String declineReason,
            @Schema(description = "The scheduled session, once accepted") UUID sessionId, String orderedBy,
            OffsetDateTime decidedAt, long version, OffsetDateTime createdAt) {

        static View of(LectureOrder o) {
            return new View(o.id(), o.materialId(), o.orgId(), o.speakerSubject(), o.wantedAt(), o.place(), o.status(),
                    o.declineReason(), o.sessionId(), o.orderedBy(), o.decidedAt(), o.version(), o.createdAt());
        }
    }
}
