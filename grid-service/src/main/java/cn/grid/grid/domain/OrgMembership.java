package cn.grid.grid.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A person's membership (and role) in a party organisation over a {@link Tenure}. */
@Entity
@Table(name = "party_org_membership")
public class OrgMembership {

    @Id
    private UUID id;

    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "person_id")
    private UUID personId;

    @Enumerated(EnumType.STRING)
    private MembershipRole role;

    @Embedded
    private Tenure tenure;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected OrgMembership() {
        // for JPA
    }

    public static OrgMembership join(UUID id, PartyOrg org, Person person, MembershipRole role, Tenure tenure,
            OffsetDateTime now) {
        org.requireRoleFits(role);
        OrgMembership membership = new OrgMembership();
        membership.id = id;
        membership.orgId = org.id();
        membership.personId = person.id();
        membership.role = role;
        membership.tenure = tenure;
        membership.createdAt = now;
        return membership;
    }

    public void end(LocalDate day) {
        this.tenure = tenure.endOn(day, "membership " + id);
    }

    public UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }

    public UUID personId() {
        return personId;
    }

    public MembershipRole role() {
        return role;
    }

    public Tenure tenure() {
        return tenure;
    }

    public long version() {
        return version;
    }
}
