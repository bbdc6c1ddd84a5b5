package cn.grid.grid.api;

import cn.grid.grid.app.RegistrationService;
import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.RegistrationRequest;
import cn.grid.grid.domain.RegistrationStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the residence-registration workflow (居住地报到). */
final class RegistrationDtos {

    private RegistrationDtos() {
    }

    @Schema(name = "SubmitRegistration", description = "The caller reports in at the grid where they live.")
    record SubmitRequest(
            @Schema(description = "双报到: the member's work organisation, when they serve from one",
                    examples = "南沙区税务局") @Size(max = 200) String workOrganisation) {
    }

    @Schema(name = "RejectRegistration")
    record RejectRequest(
            @Schema(description = "Why, for the member to read", examples = "不在本网格居住")
            @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(name = "RegistrationRequest", description = "A party member's request to be registered at a grid "
            + "(居住地报到). ETag = version; approving, rejecting and withdrawing need If-Match.")
    record RegistrationView(UUID id, UUID personId,
            @Schema(description = "In reviewers' lists and the single view") String personName,
            UUID nodeId, @Schema(description = "When known") String nodeName, String workOrganisation,
            RegistrationStatus status,
            @Schema(description = "Why it was rejected") String reason,
            @Schema(description = "Login subject of whoever decided or withdrew it") String decidedBy,
            OffsetDateTime decidedAt,
            @Schema(description = "The PARTY_MEMBER assignment an approval started") UUID assignmentId,
            OffsetDateTime requestedAt, long version) {

        static RegistrationView of(RegistrationRequest r, String personName, GridNode node) {
            return new RegistrationView(r.id(), r.personId(), personName, r.nodeId(),
                    node == null ? null : node.name(), r.workOrganisation(), r.status(), r.reason(), r.decidedBy(),
                    r.decidedAt(), r.assignmentId(), r.requestedAt(), r.version());
        }

        static RegistrationView of(RegistrationService.Reviewed r) {
            return of(r.request(), r.person().name(), r.node());
        }
    }

    @Schema(name = "MyRegistrations", description = "The caller's residence registrations: their requests (newest "
            + "first) and their PARTY_MEMBER assignments, ended ones included (oldest first).")
    record MyRegistrationsView(List<RegistrationView> requests, List<AssignmentView> registrations) {

        static MyRegistrationsView of(RegistrationService.History history) {
            Map<UUID, GridNode> nodes = history.nodes();
            return new MyRegistrationsView(
                    history.requests().stream().map(r -> RegistrationView.of(r, null, nodes.get(r.nodeId()))).toList(),
                    history.registrations().stream().map(a -> own(a, nodes.get(a.nodeId()))).toList());
        }
    }

    /** An assignment as its holder sees it: the node named, no phone. */
    static AssignmentView own(Assignment a, GridNode node) {
        return new AssignmentView(a.id(), a.personId(), null, null, a.nodeId(), node == null ? null : node.name(),
                node == null ? null : node.level(), a.role(), a.startDate(), a.endDate(), a.workOrganisation(),
                a.endReason(), a.version());
    }
}
