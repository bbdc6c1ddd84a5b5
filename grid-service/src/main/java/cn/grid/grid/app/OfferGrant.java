package cn.grid.grid.app;

import cn.grid.grid.domain.InvitationKind;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Use-case input: offer {@code personId} a role at {@code nodeId} (ASSIGNMENT), a membership of {@code orgId}
 * (ORG_MEMBERSHIP) or a place in {@code teamId} (TEAM, role LEADER or MEMBER). {@code role} is the name of an
 * assignment or membership role; null means MEMBER for organisations and teams.
 */
public record OfferGrant(UUID personId, InvitationKind kind, UUID nodeId, UUID orgId, UUID teamId, String role,
        LocalDate startDate, LocalDate endDate, String workOrganisation) {
}
