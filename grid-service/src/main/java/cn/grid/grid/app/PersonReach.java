package cn.grid.grid.app;

import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.OrgMembership;
import cn.grid.grid.domain.PartyOrg;
import cn.grid.grid.domain.Person;
import cn.grid.grid.domain.Team;
import cn.grid.grid.domain.TeamMember;
import cn.grid.grid.persistence.AssignmentRepository;
import cn.grid.grid.persistence.PartyOrgRepository;
import cn.grid.grid.persistence.PersonRepository;
import cn.grid.grid.persistence.TeamRepository;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.problem.Problem;
import cn.grid.platform.problem.ProblemType;
import cn.grid.platform.security.Caller;
import cn.grid.platform.time.GridCalendar;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Whether a person is within a caller's area, and which person a caller is.
 *
 * <p>A person is within the area when the caller covers their home node, or a node where they hold a current or
 * planned assignment, or the grid of an organisation or team they currently belong to. Only such a person may be given
 * a role, a membership or a team place directly, and only such a person's contact data may be read: otherwise an
 * administrator could pull anyone of another district into their area by a grant and then read them. Someone
 * outside the area is invited instead ({@link InvitationService}) and joins by accepting with their own login.
 */
@ApplicationScoped
public class PersonReach {

    private final PersonRepository people;
    private final AssignmentRepository assignments;
    private final PartyOrgRepository orgs;
    private final TeamRepository teams;
    private final GridCalendar calendar;

    public PersonReach(PersonRepository people, AssignmentRepository assignments, PartyOrgRepository orgs,
            TeamRepository teams, GridCalendar calendar) {
        this.people = people;
        this.assignments = assignments;
        this.orgs = orgs;
        this.teams = teams;
        this.calendar = calendar;
    }

    /** The person the caller's login is linked to ({@code person.subject} = the token's {@code sub}), if any. */
    public Optional<Person> personOf(Caller caller) {
        return people.bySubject(caller.subject());
    }

    /** As {@link #personOf}, or a 404 problem saying the login is linked to no person. */
    public Person requirePersonOf(Caller caller) {
        return personOf(caller).orElseThrow(() -> new DomainProblem(ProblemType.NOT_FOUND, "your login "
                + caller.subject() + " is linked to no person in the grid registry; ask your community to register "
                + "you with it"));
    }

    /** Whether {@code person} is the caller themself. */
    public boolean isSelf(Person person, Caller caller) {
        return person.id().toString().equals(caller.personId())
                || person.subject() != null && person.subject().equals(caller.subject());
    }

    /**
     * Whether the caller may read the person's record (contact data): the caller is staff over a node that holds
     * the person. A member's own registration in the same grid is not enough.
     */
    public boolean within(Person person, Caller caller) {
        return heldBy(person, caller::staffOver);
    }

    /**
     * Whether the caller may give the person a role, membership or team place directly: the same staff reach, so
     * a member's own registration somewhere does not let them pull anyone in there.
     */
    public boolean grantable(Person person, Caller caller) {
        return heldBy(person, caller::staffOver);
    }

    /** Whether {@code reaches} holds for the person's home or a node they currently hold something at. */
    private boolean heldBy(Person person, Predicate<String> reaches) {
        if (reaches.test(person.homePath())) {
            return true;
        }
        LocalDate today = calendar.today();
        for (Assignment assignment : assignments.ofPerson(person.id())) {
            if (notEnded(assignment.endDate(), today) && reaches.test(assignment.nodePath())) {
                return true;
            }
        }
        List<UUID> orgIds = orgs.membershipsOfPerson(person.id()).stream()
                .filter(m -> current(m.tenure().startDate(), m.tenure().endDate(), today))
                .map(OrgMembership::orgId).distinct().toList();
        if (orgs.byIds(orgIds).stream().map(PartyOrg::gridPath).anyMatch(reaches)) {
            return true;
        }
        List<UUID> teamIds = teams.placesOfPerson(person.id()).stream()
                .filter(m -> current(m.tenure().startDate(), m.tenure().endDate(), today))
                .map(TeamMember::teamId).distinct().toList();
        return teams.byIds(teamIds).stream().map(Team::gridPath).anyMatch(reaches);
    }

    /** Refuses with a 403 naming {@code personId} unless the person is {@link #grantable} by the caller. */
    public void requireGrantable(Person person, Caller caller) {
        if (!grantable(person, caller)) {
            String message = "person " + person.id() + " lives and serves outside your area; invite them "
                    + "(POST /api/v1/people/" + person.id() + "/invitations) and they join when they accept";
            throw new DomainProblem(ProblemType.FORBIDDEN, "personId: " + message,
                    List.of(new Problem.FieldError("personId", message)));
        }
    }

    private static boolean notEnded(LocalDate endDate, LocalDate today) {
        return endDate == null || !endDate.isBefore(today);
    }

    private static boolean current(LocalDate startDate, LocalDate endDate, LocalDate today) {
        return !startDate.isAfter(today) && notEnded(endDate, today);
    }
}
