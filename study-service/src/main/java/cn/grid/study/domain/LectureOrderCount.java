package cn.grid.study.domain;

import java.util.UUID;

/** How often one micro-lecture was ordered, and how those orders were answered. */
public record LectureOrderCount(UUID materialId, String title, String author, long ordered, long accepted,
        long declined, long pending) {
}
