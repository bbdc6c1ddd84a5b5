package cn.grid.grid.app;

import cn.grid.grid.domain.MembershipRole;

import java.time.LocalDate;
import java.util.UUID;

/** Use-case input: a person joins the party organisation {@code orgId} in {@code role} from {@code startDate}. */
public record JoinPartyOrg(UUID orgId, UUID personId, MembershipRole role, LocalDate startDate) {
}
