package cn.grid.grid.app;

import cn.grid.grid.domain.BranchType;
import cn.grid.grid.domain.PartyOrgKind;

import java.util.UUID;

/** Use-case input: a new party organisation under {@code parentId} (null: a root), serving {@code gridNodeId}. */
public record FoundPartyOrg(String name, PartyOrgKind kind, BranchType branchType, UUID parentId, UUID gridNodeId) {
}
