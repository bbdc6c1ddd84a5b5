package cn.grid.grid.app;

import java.time.LocalDate;
import java.util.UUID;

/** Use-case input: a person joins the team {@code teamId} at {@code nodeId}, as its leader or a member. */
public record JoinTeam(UUID nodeId, UUID teamId, UUID personId, boolean leader, LocalDate startDate) {
}
