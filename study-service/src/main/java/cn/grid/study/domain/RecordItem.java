package cn.grid.study.domain;

import java.time.OffsetDateTime;

/**
 * One line of a member's learning record: what ({@code kind}: SESSION, LECTURE_GIVEN, PRACTICE, REFLECTION,
 * BOOK), when, its title, and a detail (the attendance status, the rating, the review state …).
 */
public record RecordItem(OffsetDateTime at, String kind, String title, String detail, String reference) {
}
