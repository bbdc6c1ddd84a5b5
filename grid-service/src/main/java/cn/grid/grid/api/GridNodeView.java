package cn.grid.grid.api;

import cn.grid.grid.domain.GridLevel;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.NodeStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "GridNode", description = "A node of the grid hierarchy.")
public record GridNodeView(
        UUID id,
        UUID parentId,
        @Schema(description = "Ids from the root down to this node", examples = "/0193f0a4-.../0193f0a5-.../")
        String path,
        GridLevel level,
        String code,
        String name,
        NodeStatus status,
        Integer households,
        Integer residents,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static GridNodeView of(GridNode node) {
        return new GridNodeView(node.id(), node.parentId(), node.path(), node.level(), node.code(), node.name(),
                node.status(), node.households(), node.residents(), node.version(), node.createdAt(),
                node.updatedAt());
    }
}
