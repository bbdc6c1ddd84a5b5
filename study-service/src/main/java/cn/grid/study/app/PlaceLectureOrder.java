package cn.grid.study.app;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Use-case input: a branch orders an offered micro-lecture for a time and place. */
public record PlaceLectureOrder(UUID materialId, UUID orgId, OffsetDateTime wantedAt, String place) {
}
