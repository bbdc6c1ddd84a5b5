package cn.grid.grid.api;

import cn.grid.grid.app.FoundPartyOrg;
import cn.grid.grid.app.JoinPartyOrg;
import cn.grid.grid.domain.BranchType;
import cn.grid.grid.domain.MembershipRole;
import cn.grid.grid.domain.NodeStatus;
import cn.grid.grid.domain.OrgMembership;
import cn.grid.grid.domain.PartyOrg;
import cn.grid.grid.domain.PartyOrgKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the party-organisation API. */
final class PartyOrgDtos {

    private PartyOrgDtos() {
    }

    @Schema(name = "FoundPartyOrg", description = "A new party organisation: 党工委 → 党委/党总支 → 党支部 → 党小组 → 党员责任区.")
    record FoundRequest(
            @Schema(examples = "金洲社区第一网格党支部") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "BRANCH") @NotNull PartyOrgKind kind,
            @Schema(description = "For a BRANCH only", examples = "GRID") BranchType branchType,
            @Schema(description = "The organisation above; null for a 党工委 or a standalone 党委") UUID parentId,
            @Schema(description = "The grid node it serves (inside the parent's)") @NotNull UUID gridNodeId) {

        FoundPartyOrg toCommand() {
            return new FoundPartyOrg(name.strip(), kind, branchType, parentId, gridNodeId);
        }
    }

    @Schema(name = "RenamePartyOrg")
    record RenameRequest(@NotBlank @Size(max = 200) String name) {
    }

    @Schema(name = "PartyOrg", description = "A party organisation.")
    record OrgView(UUID id, UUID parentId, String orgPath, PartyOrgKind kind, BranchType branchType, String name,
            UUID gridNodeId, NodeStatus status, long version, OffsetDateTime createdAt) {

        static OrgView of(PartyOrg o) {
            return new OrgView(o.id(), o.parentId(), o.orgPath(), o.kind(), o.branchType(), o.name(), o.gridNodeId(),
                    o.status(), o.version(), o.createdAt());
        }
    }

    @Schema(name = "JoinPartyOrg", description = "A person joins an organisation (or takes a role in it).")
    record JoinRequest(@NotNull UUID personId,
            @Schema(description = "Default MEMBER", examples = "SECRETARY") MembershipRole role,
            @Schema(description = "Default: today") LocalDate startDate) {

        JoinPartyOrg toCommand(UUID orgId) {
            return new JoinPartyOrg(orgId, personId, role == null ? MembershipRole.MEMBER : role, startDate);
        }
    }

    @Schema(name = "LeavePartyOrg")
    record LeaveRequest(@Schema(description = "Last day; default today") LocalDate endDate) {
    }

    @Schema(name = "PartyOrgMembership")
    record MembershipView(UUID id, UUID orgId, UUID personId, MembershipRole role, LocalDate startDate,
            LocalDate endDate, long version) {

        static MembershipView of(OrgMembership m) {
            return new MembershipView(m.id(), m.orgId(), m.personId(), m.role(), m.tenure().startDate(),
                    m.tenure().endDate(), m.version());
        }
    }

    @Schema(name = "PartyOrgMembershipList")
    record MembershipList(List<MembershipView> items) {
    }

    @Schema(name = "PartyOrgCounts", description = "Party organisations serving a grid subtree, and its members.")
    record CountsView(UUID gridNodeId, LocalDate on, List<KindCount> organisations,
            @Schema(description = "People with an active membership in these organisations") long members,
            @Schema(description = "Party members registered at their residence in the subtree (居住地报到)")
            long registeredMembers) {
    }

    @Schema(name = "PartyOrgKindCount")
    record KindCount(PartyOrgKind kind, BranchType branchType, long count) {
    }
}
