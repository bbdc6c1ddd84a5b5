package cn.grid.grid.app;

/** Use-case input: a new name and/or counts for a node; null leaves a value unchanged. */
public record UpdateGridNode(String name, Integer households, Integer residents) {
}
