package cn.grid.grid.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RetireGridNode", description = "Why a node is retired (kept in the event for the record).")
public record RetireGridNodeRequest(@Schema(examples = "merged into 清河社区") @Size(max = 500) String reason) {
}
