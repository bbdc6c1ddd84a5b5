package cn.grid.readmodel.grid;

import java.time.LocalDate;
import java.util.UUID;

/** An assignment as this service knows it from grid events ({@code role} PARTY_MEMBER for registrations). */
public record AssignmentSnapshot(UUID assignmentId, UUID personId, String personName, String subject, UUID nodeId,
        String nodePath, String role, LocalDate startDate, LocalDate endDate, String workOrganisation) {

    public static final String PARTY_MEMBER = "PARTY_MEMBER";
}
