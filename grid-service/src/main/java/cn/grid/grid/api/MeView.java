package cn.grid.grid.api;

import cn.grid.grid.app.OwnRecordService;
import cn.grid.grid.domain.BranchType;
import cn.grid.grid.domain.GridLevel;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.MembershipRole;
import cn.grid.grid.domain.PartyOrg;
import cn.grid.grid.domain.PartyOrgKind;
import cn.grid.grid.domain.Team;
import cn.grid.grid.domain.TeamKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(name = "Me", description = "The caller's own record: their person (phone and address whole, the identity "
        + "number masked), home node, every role per node with dates (ended ones included), organisations and "
        + "teams, oldest first.")
public record MeView(PersonView person, NodeRef home, List<AssignmentView> roles,
        List<OrganisationPlace> organisations, List<TeamPlace> teams) {

    @Schema(name = "NodeRef", description = "A grid node named")
    public record NodeRef(UUID id, String name, GridLevel level, String path) {

        static NodeRef of(GridNode node) {
            return node == null ? null : new NodeRef(node.id(), node.name(), node.level(), node.path());
        }
    }

    @Schema(name = "OrganisationPlace", description = "A membership (or role) in a party organisation")
    public record OrganisationPlace(UUID membershipId, UUID orgId, String orgName, PartyOrgKind orgKind,
            BranchType branchType, UUID gridNodeId, MembershipRole role, LocalDate startDate, LocalDate endDate) {
    }

    @Schema(name = "TeamPlace", description = "A place in a team")
    public record TeamPlace(UUID memberId, UUID teamId, String teamName, TeamKind teamKind, UUID gridNodeId,
            @Schema(examples = "LEADER") String role, LocalDate startDate, LocalDate endDate) {
    }

    static MeView of(OwnRecordService.OwnRecord record) {
        return new MeView(PersonView.of(record.person()), NodeRef.of(record.home()),
                record.assignments().stream()
                        .map(a -> RegistrationDtos.own(a, record.nodes().get(a.nodeId()))).toList(),
                record.memberships().stream().map(m -> {
                    PartyOrg org = record.orgs().get(m.orgId());
                    return new OrganisationPlace(m.id(), m.orgId(), org.name(), org.kind(), org.branchType(),
                            org.gridNodeId(), m.role(), m.tenure().startDate(), m.tenure().endDate());
                }).toList(),
                record.teamPlaces().stream().map(p -> {
                    Team team = record.teams().get(p.teamId());
                    return new TeamPlace(p.id(), p.teamId(), team.name(), team.kind(), team.gridNodeId(), p.role(),
                            p.tenure().startDate(), p.tenure().endDate());
                }).toList());
    }
}
