package cn.grid.grid.api;

import cn.grid.grid.app.Responsibility;
import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.AssignmentRole;
import cn.grid.grid.domain.GridLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.UUID;

@Schema(name = "Assignment", description = "A person in a role at a node for a period (both days included).")
public record AssignmentView(UUID id, UUID personId,
        @Schema(description = "In lists only") String personName,
        @Schema(description = "Masked (138****5678)") String phone,
        UUID nodeId,
        @Schema(description = "In lists only") String nodeName,
        @Schema(description = "In lists only") GridLevel nodeLevel,
        AssignmentRole role, LocalDate startDate, LocalDate endDate, String workOrganisation, String endReason,
        long version) {

    static AssignmentView of(Assignment a) {
        return new AssignmentView(a.id(), a.personId(), null, null, a.nodeId(), null, null, a.role(), a.startDate(),
                a.endDate(), a.workOrganisation(), a.endReason(), a.version());
    }

    static AssignmentView of(Responsibility r) {
        Assignment a = r.assignment();
        return new AssignmentView(a.id(), a.personId(), r.person().name(), r.person().maskedPhone(), a.nodeId(),
                r.node().name(), r.node().level(), a.role(), a.startDate(), a.endDate(), a.workOrganisation(),
                a.endReason(), a.version());
    }
}
