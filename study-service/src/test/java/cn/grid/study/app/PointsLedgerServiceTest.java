package cn.grid.study.app;

import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.PointsEntry;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch's events carry the balance after their own entry, as if the lines had been applied one by one. */
class PointsLedgerServiceTest {

    static PointsEntry entry(UUID person, String subject, int points) {
        return new PointsEntry(UUID.randomUUID(), person, subject, PointsActivity.ATTENDANCE, points, "s", null, null,
                OffsetDateTime.now());
    }

    @Test
    void laterEntriesOfTheSameMemberAreNotYetInAnEarlierBalance() {
        UUID chen = UUID.randomUUID();
        List<PointsEntry> entries = List.of(
                entry(chen, "chen", 1),          // chen, by person and subject
                entry(null, "li", 1),             // li, not known by person
                entry(chen, "chen-old", 2),       // chen again under an old login: same person
                entry(null, "chen", -1),          // chen's subject, person unknown at the time
                entry(UUID.randomUUID(), "wang", 5));
        long[] afterBatch = {10, 1, 12, 10, 5};
        assertThat(PointsLedgerService.balancesAsAppliedInOrder(entries, afterBatch))
                // chen: 10 after the batch, less the later +2 (same person) and -1 (same subject)
                // chen-old: by person chen, which the later -1 does not name (no person), so 12 stays
                // the subject-only line: 10, nothing after it
                .containsExactly(9, 1, 12, 10, 5);
    }

    @Test
    void aBatchOfOneKeepsItsBalance() {
        assertThat(PointsLedgerService.balancesAsAppliedInOrder(List.of(entry(null, "x", 3)), new long[] {7}))
                .containsExactly(7);
    }
}
