package cn.grid.grid.domain;

/** Per level: how many active nodes a subtree has, and their household and resident totals. */
public record LevelCount(GridLevel level, long nodes, long households, long residents) {
}
