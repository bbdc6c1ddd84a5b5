package cn.grid.study.app;

import java.util.UUID;

/** Use-case input: a member's reflection on one session or one material; orgId only when they have several. */
public record SubmitReflection(UUID sessionId, UUID materialId, UUID orgId, String text) {
}
