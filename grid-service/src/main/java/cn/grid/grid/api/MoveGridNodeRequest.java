package cn.grid.grid.api;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

@Schema(name = "MoveGridNode", description = "The new parent of a node; its whole subtree moves with it.")
public record MoveGridNodeRequest(@Schema(description = "One level above the node") @NotNull UUID parentId) {
}
