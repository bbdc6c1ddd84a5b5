package cn.grid.platform.security;

import cn.grid.platform.problem.DomainProblem;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

    private static final String GRID_A = "/district/street/community/gridA/";
    private static final String GRID_B = "/district/street/community/gridB/";

    @Test
    void boundCallerCoversItsSubtreeOnly() {
        Caller worker = new Caller("w1", Set.of(Roles.GRID_WORKER), "gridA");
        assertThat(worker.covers(GRID_A)).isTrue();
        assertThat(worker.covers(GRID_A + "area1/")).isTrue();
        assertThat(worker.covers(GRID_B)).isFalse();
        assertThat(worker.covers("/district/street/community/")).isFalse();
        assertThat(worker.covers(null)).isFalse();

        Caller communityAdmin = new Caller("c1", Set.of(Roles.ORG_ADMIN), "community");
        assertThat(communityAdmin.covers(GRID_A)).isTrue();
        assertThat(communityAdmin.covers(GRID_B)).isTrue();
    }

    @Test
    void idPrefixesDoNotLeakScope() {
        Caller caller = new Caller("w1", Set.of(Roles.GRID_WORKER), "grid");
        assertThat(caller.covers("/district/gridA/")).isFalse();
    }

    @Test
    void onlyDistrictAdminsAndServicesMayBeUnbound() {
        assertThat(new Caller("d", Set.of(Roles.DISTRICT_ADMIN), null).covers(GRID_B)).isTrue();
        assertThat(new Caller("s", Set.of(Roles.SERVICE), null).covers(GRID_B)).isTrue();
        assertThat(new Caller("p", Set.of(Roles.PARTY_MEMBER), null).covers(GRID_B)).isFalse();
        assertThat(new Caller("c", Set.of(Roles.CITIZEN), null).covers(GRID_B)).isFalse();
    }

    @Test
    void requireScopeRefusesWithForbidden() {
        Caller worker = new Caller("w1", Set.of(Roles.GRID_WORKER), "gridA");
        assertThatThrownBy(() -> worker.requireScope(GRID_B, "grid node gridB"))
                .isInstanceOf(DomainProblem.class).hasMessageContaining("outside the grid scope");
    }
}
