package cn.grid.readmodel.grid;

import java.util.UUID;

/** A grid node as this service knows it from grid events. */
public record GridNodeSnapshot(UUID id, UUID parentId, String path, String level, String code, String name,
        String status) {
}
