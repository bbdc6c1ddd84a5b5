package cn.grid.grid.app;

import cn.grid.grid.domain.GridLevel;

import java.util.UUID;

/** Use-case input: add a node to the hierarchy (a district when {@code parentId} is null). */
public record CreateGridNode(String name, GridLevel level, String code, UUID parentId, Integer households,
        Integer residents) {
}
