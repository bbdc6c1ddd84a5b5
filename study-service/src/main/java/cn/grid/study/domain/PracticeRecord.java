package cn.grid.study.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** 实践: a citizen's ticket a member signed for, resolved and rated satisfied; reversed when it is reopened. */
public record PracticeRecord(UUID requestId, String subject, UUID personId, String requestType, UUID gridNodeId,
        Integer rating, OffsetDateTime creditedAt, OffsetDateTime reversedAt) {
}
