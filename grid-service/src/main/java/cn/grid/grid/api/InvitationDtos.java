package cn.grid.grid.api;

import cn.grid.grid.app.InvitationService;
import cn.grid.grid.app.OfferGrant;
import cn.grid.grid.domain.Invitation;
import cn.grid.grid.domain.InvitationKind;
import cn.grid.grid.domain.InvitationStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of invitations to a role, a membership or a team place. */
final class InvitationDtos {

    private InvitationDtos() {
    }

    @Schema(name = "Invite", description = "What is offered: ASSIGNMENT (nodeId + an assignment role), "
            + "ORG_MEMBERSHIP (orgId + a membership role, default MEMBER) or TEAM (teamId + LEADER or MEMBER, "
            + "default MEMBER).")
    record InviteRequest(
            @Schema(examples = "ASSIGNMENT") @NotNull InvitationKind kind,
            @Schema(description = "ASSIGNMENT: the node") UUID nodeId,
            @Schema(description = "ORG_MEMBERSHIP: the organisation") UUID orgId,
            @Schema(description = "TEAM: the team") UUID teamId,
            @Schema(examples = "VOLUNTEER") @Size(max = 40) String role,
            @Schema(description = "Default: the day it is accepted") LocalDate startDate,
            @Schema(description = "ASSIGNMENT only") LocalDate endDate,
            @Schema(description = "A PARTY_MEMBER assignment only (双报到)") @Size(max = 200) String workOrganisation) {

        OfferGrant toCommand(UUID personId) {
            return new OfferGrant(personId, kind, nodeId, orgId, teamId, role == null ? null : role.strip(),
                    startDate, endDate, workOrganisation == null ? null : workOrganisation.strip());
        }
    }

    @Schema(name = "Invitation", description = "An offer of a role, membership or team place; the grant is made when "
            + "the person accepts. ETag = version; accepting and declining need If-Match.")
    record InvitationView(UUID id, UUID personId, InvitationKind kind, UUID nodeId, UUID orgId, UUID teamId,
            String role,
            @Schema(description = "The node, organisation or team offered, by name (in the person's list)")
            String placeName,
            LocalDate startDate, LocalDate endDate, String workOrganisation, InvitationStatus status,
            @Schema(description = "Login subject of whoever invited") String invitedBy,
            @Schema(description = "The assignment, membership or team place an acceptance made") UUID grantId,
            OffsetDateTime createdAt, OffsetDateTime decidedAt, long version) {

        static InvitationView of(Invitation i, String placeName) {
            return new InvitationView(i.id(), i.personId(), i.kind(), i.nodeId(), i.orgId(), i.teamId(), i.role(),
                    placeName, i.startDate(), i.endDate(), i.workOrganisation(), i.status(), i.invitedBy(),
                    i.grantId(), i.createdAt(), i.decidedAt(), i.version());
        }

        static InvitationView of(InvitationService.Offered offered) {
            return of(offered.invitation(), offered.placeName());
        }
    }

    @Schema(name = "InvitationList", description = "The caller's invitations, newest first (not paged).")
    record InvitationList(List<InvitationView> items) {
    }
}
