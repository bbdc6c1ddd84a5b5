package cn.grid.grid.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "EndAssignment", description = "The last day of an assignment, and why it ends.")
public record EndAssignmentRequest(
        @Schema(description = "Default: today (Asia/Shanghai)", examples = "2026-12-31") LocalDate endDate,
        @Schema(examples = "调任") @Size(max = 500) String reason) {
}
