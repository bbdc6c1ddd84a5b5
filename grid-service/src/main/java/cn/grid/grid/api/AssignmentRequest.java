package cn.grid.grid.api;

import cn.grid.grid.app.StartAssignment;
import cn.grid.grid.domain.AssignmentRole;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.UUID;

@Schema(name = "StartAssignment", description = "A person takes up a role at this node.")
public record AssignmentRequest(
        @NotNull UUID personId,
        @Schema(examples = "GRID_WORKER") @NotNull AssignmentRole role,
        @Schema(description = "Default: today (Asia/Shanghai)", examples = "2026-11-01") LocalDate startDate,
        @Schema(description = "Last day, if already known") LocalDate endDate,
        @Schema(description = "双报到: a serving party member's work organisation (PARTY_MEMBER only)",
                examples = "南沙区税务局") @Size(max = 200) String workOrganisation) {

    StartAssignment toCommand(UUID nodeId) {
        return new StartAssignment(nodeId, personId, role, startDate, endDate, workOrganisation);
    }
}
