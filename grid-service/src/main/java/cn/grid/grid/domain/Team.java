package cn.grid.grid.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A volunteer or service team at a grid node; requests can be dispatched to it. */
@Entity
@Table(name = "team")
public class Team {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    private TeamKind kind;

    private String name;

    @Column(name = "grid_node_id")
    private UUID gridNodeId;

    @Column(name = "grid_path")
    private String gridPath;

    @Enumerated(EnumType.STRING)
    private NodeStatus status;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected Team() {
        // for JPA
    }

    public static Team form(UUID id, TeamKind kind, String name, GridNode grid, OffsetDateTime now) {
        if (grid.status() != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("grid node " + grid.id() + " is retired");
        }
        Team team = new Team();
        team.id = id;
        team.kind = kind;
        team.name = name;
        team.gridNodeId = grid.id();
        team.gridPath = grid.path();
        team.status = NodeStatus.ACTIVE;
        team.createdAt = now;
        team.updatedAt = now;
        return team;
    }

    /** Members changed: the team row changes too, so its version orders the snapshot events. */
    public void touch(OffsetDateTime now) {
        if (status != NodeStatus.ACTIVE) {
            throw DomainProblem.conflict("team " + id + " is disbanded");
        }
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public TeamKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public UUID gridNodeId() {
        return gridNodeId;
    }

    public String gridPath() {
        return gridPath;
    }

    public NodeStatus status() {
        return status;
    }

    public long version() {
        return version;
    }
}
