package cn.grid.platform.security;

import cn.grid.platform.problem.DomainProblem;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rights decided from the registry's grants; the token only identifies and, with grid_scope, narrows. */
class CallerTest {

    private static final String COMMUNITY = "/district/street/community/";
    private static final String GRID_A = COMMUNITY + "gridA/";
    private static final String GRID_B = COMMUNITY + "gridB/";
    private static final String OTHER = "/district/street2/community2/gridC/";

    private static Grant assignment(String role, String path) {
        return new Grant(Grant.Kind.ASSIGNMENT, role, "n", path, null, null, LocalDate.of(2026, 1, 1), null);
    }

    private static Grant orgRole(String role, String path) {
        return new Grant(Grant.Kind.ORG_MEMBERSHIP, role, "n", path, "org", null, LocalDate.of(2026, 1, 1), null);
    }

    private static Caller person(String gridScope, Grant... grants) {
        PersonRights rights = new PersonRights("p1", "李", List.of(grants));
        Set<String> roles = new java.util.HashSet<>(rights.derivedRoles());
        roles.add(Roles.STAFF);
        return new Caller("w1", roles, gridScope, rights.personId(), rights.personName(), rights.grants());
    }

    @Test
    void aGridWorkerIsStaffOverTheSubtreeOfTheirGridOnly() {
        Caller worker = person(null, assignment("GRID_WORKER", GRID_A));
        assertThat(worker.hasRole(Roles.GRID_WORKER)).isTrue();
        assertThat(worker.staffOver(GRID_A)).isTrue();
        assertThat(worker.staffOver(GRID_A + "area1/")).isTrue();
        assertThat(worker.staffOver(GRID_B)).isFalse();
        assertThat(worker.staffOver(COMMUNITY)).isFalse();
        assertThat(worker.covers(null)).isFalse();
    }

    @Test
    void doubleRegistrationGivesStaffRightsOnlyWhereTheStaffGrantIs() {
        // 双报到: a grid worker in B and a party member registered in A at once
        Caller both = person(null, assignment("GRID_WORKER", GRID_B), assignment("PARTY_MEMBER", GRID_A));
        assertThat(both.roles()).contains(Roles.GRID_WORKER, Roles.PARTY_MEMBER);
        assertThat(both.staffOver(GRID_B)).isTrue();
        assertThat(both.staffOver(GRID_A)).isFalse();
        assertThat(both.covers(GRID_A)).isTrue();
        assertThat(both.memberAt(GRID_A)).isTrue();
        assertThat(both.memberAt(GRID_B)).isFalse();
        assertThat(both.reach(true)).containsExactly(GRID_B);
    }

    @Test
    void anOrganisationsSecretaryAdministersItsGridSubtree() {
        Caller secretary = person(null, orgRole("SECRETARY", COMMUNITY));
        assertThat(secretary.roles()).contains(Roles.ORG_ADMIN, Roles.PARTY_MEMBER).doesNotContain(Roles.GRID_WORKER);
        assertThat(secretary.orgAdminOver(GRID_A)).isTrue();
        assertThat(secretary.staffOver(GRID_B)).isTrue();
        assertThat(secretary.gridStaffOver(GRID_A)).isFalse();
        assertThat(secretary.orgAdminOver(OTHER)).isFalse();

        Caller member = person(null, orgRole("MEMBER", COMMUNITY));
        assertThat(member.roles()).contains(Roles.PARTY_MEMBER).doesNotContain(Roles.ORG_ADMIN);
        assertThat(member.staffOver(GRID_A)).isFalse();
        assertThat(member.covers(GRID_A)).isTrue();
    }

    @Test
    void aGridScopeClaimOnlyNarrows() {
        Caller narrowed = person("gridA", assignment("GRID_WORKER", COMMUNITY));
        assertThat(narrowed.staffOver(GRID_A)).isTrue();
        assertThat(narrowed.staffOver(GRID_B)).isFalse();
        // a scope outside every grant gives nothing
        Caller elsewhere = person("gridC", assignment("GRID_WORKER", GRID_A));
        assertThat(elsewhere.covers(OTHER)).isFalse();
        assertThat(elsewhere.covers(GRID_A)).isFalse();
    }

    @Test
    void idPrefixesDoNotLeakReach() {
        Caller worker = person(null, assignment("GRID_WORKER", "/district/grid/"));
        assertThat(worker.covers("/district/gridA/")).isFalse();
    }

    @Test
    void withoutAPersonOnlyDistrictWideRolesSeeAnything() {
        assertThat(new Caller("d", Set.of(Roles.DISTRICT_ADMIN), null).covers(GRID_B)).isTrue();
        assertThat(new Caller("s", Set.of(Roles.SERVICE), null).covers(GRID_B)).isTrue();
        assertThat(new Caller("x", Set.of(Roles.STAFF), null).covers(GRID_B)).isFalse();
        assertThat(new Caller("c", Set.of(Roles.CITIZEN), null).covers(GRID_B)).isFalse();
        assertThat(new Caller("c", Set.of(Roles.CITIZEN), null).isCitizenOnly()).isTrue();
        assertThat(new Caller("d", Set.of(Roles.DISTRICT_ADMIN), "gridA").covers(GRID_B)).isFalse();
    }

    @Test
    void endedOrFutureGrantsAreNotActive() {
        Grant ended = new Grant(Grant.Kind.ASSIGNMENT, "GRID_WORKER", "n", GRID_A, null, null,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));
        assertThat(ended.activeOn(LocalDate.of(2026, 3, 31))).isTrue();
        assertThat(ended.activeOn(LocalDate.of(2026, 4, 1))).isFalse();
        assertThat(ended.activeOn(LocalDate.of(2025, 12, 31))).isFalse();
    }

    @Test
    void requireStaffOverRefusesWithForbidden() {
        Caller member = person(null, assignment("PARTY_MEMBER", GRID_A));
        assertThatThrownBy(() -> member.requireStaffOver(GRID_A, "grid node gridA"))
                .isInstanceOf(DomainProblem.class).hasMessageContaining("makes you staff");
    }
}
