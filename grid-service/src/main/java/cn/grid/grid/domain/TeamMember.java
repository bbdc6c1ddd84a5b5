package cn.grid.grid.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A person's place in a team (LEADER or MEMBER) over a {@link Tenure}. */
@Entity
@Table(name = "team_member")
public class TeamMember {

    public static final String LEADER = "LEADER";
    public static final String MEMBER = "MEMBER";

    @Id
    private UUID id;

    @Column(name = "team_id")
    private UUID teamId;

    @Column(name = "person_id")
    private UUID personId;

    private String role;

    @Embedded
    private Tenure tenure;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected TeamMember() {
        // for JPA
    }

    public static TeamMember join(UUID id, Team team, Person person, boolean leader, Tenure tenure,
            OffsetDateTime now) {
        TeamMember member = new TeamMember();
        member.id = id;
        member.teamId = team.id();
        member.personId = person.id();
        member.role = leader ? LEADER : MEMBER;
        member.tenure = tenure;
        member.createdAt = now;
        return member;
    }

    public void leave(LocalDate day) {
        this.tenure = tenure.endOn(day, "team membership " + id);
    }

    public UUID id() {
        return id;
    }

    public UUID teamId() {
        return teamId;
    }

    public UUID personId() {
        return personId;
    }

    public String role() {
        return role;
    }

    public Tenure tenure() {
        return tenure;
    }
}
