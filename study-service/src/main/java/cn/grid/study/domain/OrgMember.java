package cn.grid.study.domain;

import java.util.UUID;

/** A current member of a party organisation ({@code party_org_member_view}); subject = their token subject. */
public record OrgMember(UUID orgId, UUID personId, String personName, String subject, String role) {
}
