package cn.grid.platform.security.registry;

import cn.grid.platform.security.Grant;
import cn.grid.platform.security.PersonRights;
import cn.grid.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The token's claims of registry roles are not believed: the registry's grants decide. */
class RegistryRolesAugmentorTest {

    private static SecurityIdentity token(String... groups) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("u1")).addRoles(java.util.Set.of(groups))
                .build();
    }

    @Test
    void registryRolesClaimedByATokenAreDropped() {
        SecurityIdentity augmented = RegistryRolesAugmentor.withRegistryRoles(
                token(Roles.GRID_WORKER, Roles.ORG_ADMIN, Roles.PARTY_MEMBER, Roles.CITIZEN), PersonRights.NONE);
        assertThat(augmented.getRoles()).containsExactly(Roles.CITIZEN);
    }

    @Test
    void theRegistryGivesTheRolesOfThePersonsGrants() {
        PersonRights worker = new PersonRights("p1", "李", List.of(new Grant(Grant.Kind.ASSIGNMENT, "GRID_WORKER", "g",
                "/d/g/", null, null, LocalDate.of(2026, 1, 1), null)));
        SecurityIdentity augmented = RegistryRolesAugmentor.withRegistryRoles(token(Roles.STAFF), worker);
        assertThat(augmented.getRoles()).containsExactlyInAnyOrder(Roles.STAFF, Roles.GRID_WORKER);
        assertThat((PersonRights) augmented.getAttribute(RegistryRolesAugmentor.RIGHTS_ATTRIBUTE)).isEqualTo(worker);
        assertThat(augmented.getPrincipal().getName()).isEqualTo("u1");
    }

    @Test
    void coarseRealmRolesAreKept() {
        SecurityIdentity augmented = RegistryRolesAugmentor.withRegistryRoles(
                token(Roles.DISTRICT_ADMIN, Roles.SERVICE, "some-other-idp-role"), PersonRights.NONE);
        assertThat(augmented.getRoles()).containsExactlyInAnyOrder(Roles.DISTRICT_ADMIN, Roles.SERVICE);
    }
}
