package cn.grid.grid.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Which kind of party organisation may sit under which: 党工委 → 党委/党总支 → 党支部 → 党小组 → 党员责任区. */
class PartyOrgKindTest {

    @Test
    void theLadderOfOrganisations() {
        assertThat(PartyOrgKind.WORKING_COMMITTEE.allowedParents()).isEmpty();
        assertThat(PartyOrgKind.PARTY_COMMITTEE.allowedParents())
                .containsExactlyInAnyOrder(PartyOrgKind.WORKING_COMMITTEE, PartyOrgKind.PARTY_COMMITTEE);
        assertThat(PartyOrgKind.GENERAL_BRANCH.allowedParents())
                .containsExactlyInAnyOrder(PartyOrgKind.WORKING_COMMITTEE, PartyOrgKind.PARTY_COMMITTEE);
        assertThat(PartyOrgKind.BRANCH.allowedParents()).doesNotContain(PartyOrgKind.BRANCH, PartyOrgKind.PARTY_GROUP);
        assertThat(PartyOrgKind.PARTY_GROUP.allowedParents()).containsExactly(PartyOrgKind.BRANCH);
        assertThat(PartyOrgKind.MEMBER_RESPONSIBILITY_AREA.allowedParents())
                .containsExactlyInAnyOrder(PartyOrgKind.BRANCH, PartyOrgKind.PARTY_GROUP);
    }

    @Test
    void onlyCommitteesStandAloneAndNoKindSitsUnderItselfButACommittee() {
        assertThat(Arrays.stream(PartyOrgKind.values()).filter(PartyOrgKind::mayBeRoot))
                .containsExactlyInAnyOrder(PartyOrgKind.WORKING_COMMITTEE, PartyOrgKind.PARTY_COMMITTEE);
        assertThat(Arrays.stream(PartyOrgKind.values()).filter(k -> k.allowedParents().contains(k)))
                .containsExactly(PartyOrgKind.PARTY_COMMITTEE);
    }
}
