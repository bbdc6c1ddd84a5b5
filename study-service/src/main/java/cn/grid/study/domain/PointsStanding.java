package cn.grid.study.domain;

import java.util.UUID;

/** A member's balance in an organisation's ranking (积分排名). */
public record PointsStanding(UUID personId, String personName, String subject, long balance) {
}
