package cn.grid.grid.app;

import cn.grid.grid.domain.TeamKind;

import java.util.UUID;

/** Use-case input: a team of {@code kind} is formed at the node {@code nodeId}. */
public record FormTeam(UUID nodeId, TeamKind kind, String name) {
}
