package cn.grid.grid.domain;

public enum NodeStatus {
    ACTIVE,
    RETIRED
}
