package cn.grid.grid.app;

import cn.grid.grid.domain.AssignmentRole;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Use-case input: a person takes up a role at the node {@code nodeId} from {@code startDate} (to {@code endDate},
 * if known).
 */
public record StartAssignment(UUID nodeId, UUID personId, AssignmentRole role, LocalDate startDate,
        LocalDate endDate, String workOrganisation) {
}
