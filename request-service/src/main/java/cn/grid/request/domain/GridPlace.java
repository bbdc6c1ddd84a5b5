package cn.grid.request.domain;

import java.util.Objects;

import java.util.UUID;

/** A node of the grid tree as the ticket refers to it: its id and its materialised path. */
public record GridPlace(UUID nodeId, String path) {

    public GridPlace {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(path, "path");
    }
}
