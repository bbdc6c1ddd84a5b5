package cn.grid.grid.domain;

import cn.grid.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static cn.grid.grid.domain.GridTreeTest.NOW;
import static cn.grid.grid.domain.GridTreeTest.assertProblem;
import static cn.grid.grid.domain.GridTreeTest.child;
import static cn.grid.grid.domain.GridTreeTest.district;
import static org.assertj.core.api.Assertions.assertThat;

/** Who holds which role where and when, without a database: tenures, overlaps, 双报到, ending. */
class AssignmentRulesTest {

    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

    final GridNode grid = child(child(child(district("ZY"), "S1"), "C1"), "G1");
    final GridNode otherGrid = child(child(child(district("NS"), "S1"), "C1"), "G2");
    final Person chen = Person.register(UUID.randomUUID(), "陈", null, null, null, grid, "chen", NOW);
    final Person li = Person.register(UUID.randomUUID(), "李", null, null, null, grid, "li", NOW);

    Assignment start(Person who, GridNode at, AssignmentRole role, LocalDate from, LocalDate to) {
        return Assignment.start(UUID.randomUUID(), who, at, role, from, to, null, NOW);
    }

    @Test
    void aTenureIncludesBothEndsAndStaysOpenWithoutAnEnd() {
        Tenure january = new Tenure(JAN_1, LocalDate.of(2026, 1, 31));
        assertThat(january.overlaps(new Tenure(LocalDate.of(2026, 1, 31), null))).isTrue();
        assertThat(january.overlaps(new Tenure(LocalDate.of(2026, 2, 1), null))).isFalse();
        assertThat(new Tenure(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31)).overlaps(january)).isFalse();
        assertThat(new Tenure(LocalDate.of(2025, 12, 1), JAN_1).overlaps(january)).isTrue();
        assertThat(new Tenure(LocalDate.of(2020, 1, 1), null).overlaps(january)).isTrue();
        assertThat(new Tenure(JAN_1, JAN_1).overlaps(new Tenure(JAN_1, JAN_1))).isTrue();
        assertThat(january).hasToString("2026-01-01 to 2026-01-31");
    }

    @Test
    void anEndBeforeTheStartIsRefused() {
        assertProblem(() -> new Tenure(JAN_1, JAN_1.minusDays(1)), ProblemType.VALIDATION,
                "endDate: must not be before startDate 2026-01-01");
        assertProblem(() -> start(chen, grid, AssignmentRole.GRID_WORKER, JAN_1, JAN_1.minusDays(1)),
                ProblemType.VALIDATION, "endDate");
    }

    @Test
    void theSameRoleAtTheSameNodeDoesNotOverlapForOnePerson() {
        Assignment worker = start(chen, grid, AssignmentRole.GRID_WORKER, JAN_1, LocalDate.of(2026, 6, 30));
        List<Assignment> existing = List.of(worker);
        assertProblem(() -> Assignment.requireNoOverlap(chen.id(), grid.id(), AssignmentRole.GRID_WORKER,
                        new Tenure(LocalDate.of(2026, 6, 30), null), existing), ProblemType.CONFLICT,
                "person " + chen.id() + " already holds GRID_WORKER at " + grid.id() + " from 2026-01-01 to 2026-06-30");
        // the day after it ends, another role, another person, another node: no collision
        Assignment.requireNoOverlap(chen.id(), grid.id(), AssignmentRole.GRID_WORKER,
                new Tenure(LocalDate.of(2026, 7, 1), null), existing);
        Assignment.requireNoOverlap(chen.id(), grid.id(), AssignmentRole.GRID_HEAD, new Tenure(JAN_1, null), existing);
        Assignment.requireNoOverlap(li.id(), grid.id(), AssignmentRole.GRID_WORKER, new Tenure(JAN_1, null), existing);
        Assignment.requireNoOverlap(chen.id(), otherGrid.id(), AssignmentRole.GRID_WORKER, new Tenure(JAN_1, null),
                existing);
    }

    @Test
    void anOpenEndedAssignmentBlocksEveryLaterStartUntilItEnds() {
        Assignment head = start(chen, grid, AssignmentRole.GRID_HEAD, JAN_1, null);
        assertProblem(() -> Assignment.requireNoOverlap(chen.id(), grid.id(), AssignmentRole.GRID_HEAD,
                new Tenure(LocalDate.of(2030, 1, 1), null), List.of(head)), ProblemType.CONFLICT, "from 2026-01-01");
        head.end(LocalDate.of(2026, 3, 31), "moved away");
        Assignment.requireNoOverlap(chen.id(), grid.id(), AssignmentRole.GRID_HEAD,
                new Tenure(LocalDate.of(2026, 4, 1), null), List.of(head));
    }

    @Test
    void anAssignmentRemembersWhereItWasAndEndsOnce() {
        Assignment a = start(chen, grid, AssignmentRole.VOLUNTEER, JAN_1, null);
        assertThat(a.nodePath()).isEqualTo(grid.path());
        assertThat(a.personId()).isEqualTo(chen.id());
        assertThat(a.holdsOnOrAfter(LocalDate.of(2099, 1, 1))).isTrue();
        a.end(LocalDate.of(2026, 2, 28), "term over");
        assertThat(a.endDate()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(a.endReason()).isEqualTo("term over");
        assertThat(a.holdsOnOrAfter(LocalDate.of(2026, 2, 28))).isTrue();
        assertThat(a.holdsOnOrAfter(LocalDate.of(2026, 3, 1))).isFalse();
        assertProblem(() -> a.end(LocalDate.of(2026, 3, 31), "again"), ProblemType.CONFLICT,
                "assignment " + a.id() + " already ended on 2026-02-28");
        assertProblem(() -> a.end(JAN_1.minusDays(1), "before it began"), ProblemType.CONFLICT, "already ended");
    }

    @Test
    void anEndBeforeTheStartIsRefusedWhenEnding() {
        Assignment a = start(chen, grid, AssignmentRole.VOLUNTEER, JAN_1, null);
        assertProblem(() -> a.end(JAN_1.minusDays(1), "oops"), ProblemType.VALIDATION, "endDate");
        assertThat(a.endDate()).isNull();
    }

    @Test
    void onlyAPartyMembersRegistrationNamesAWorkOrganisation() {
        Assignment dual = Assignment.start(UUID.randomUUID(), chen, grid, AssignmentRole.PARTY_MEMBER, JAN_1, null,
                "区财政局党支部", NOW);
        assertThat(dual.workOrganisation()).isEqualTo("区财政局党支部");
        assertThat(Assignment.start(UUID.randomUUID(), li, grid, AssignmentRole.PARTY_MEMBER, JAN_1, null, null, NOW)
                .workOrganisation()).isNull();
        for (AssignmentRole role : AssignmentRole.values()) {
            if (role != AssignmentRole.PARTY_MEMBER) {
                assertProblem(() -> Assignment.start(UUID.randomUUID(), chen, grid, role, JAN_1, null, "区财政局", NOW),
                        ProblemType.VALIDATION, "workOrganisation: only a party member's residence registration "
                                + "names a work organisation (双报到)");
            }
        }
        // a membership or team place (no assignment role) names none either
        assertProblem(() -> Assignment.requireWorkOrganisationFits(null, "区财政局"), ProblemType.VALIDATION,
                "workOrganisation");
        Assignment.requireWorkOrganisationFits(null, null);
    }

    @Test
    void aPartyMemberMayBeRegisteredInTwoGridsAtOnce() {
        Assignment here = start(chen, grid, AssignmentRole.PARTY_MEMBER, JAN_1, null);
        Assignment.requireNoOverlap(chen.id(), otherGrid.id(), AssignmentRole.PARTY_MEMBER, new Tenure(JAN_1, null),
                List.of(here));
        assertProblem(() -> Assignment.requireNoOverlap(chen.id(), grid.id(), AssignmentRole.PARTY_MEMBER,
                new Tenure(JAN_1.plusDays(10), null), List.of(here)), ProblemType.CONFLICT, "already holds PARTY_MEMBER");
    }

    @Test
    void nobodyIsAssignedAtARetiredNode() {
        GridNode area = child(grid, "A1");
        area.retire(NOW);
        assertProblem(() -> start(chen, area, AssignmentRole.BUILDING_HEAD, JAN_1, null), ProblemType.CONFLICT,
                "node " + area.id() + " is retired; nobody can be assigned there");
        assertProblem(() -> Person.register(UUID.randomUUID(), "王", null, null, null, area, null, NOW),
                ProblemType.CONFLICT, "home node " + area.id() + " is retired");
    }
}
