package cn.grid.study.domain;

import cn.grid.platform.problem.DomainProblem;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The points ledger's rules without a database: once per source, reversals, rules, balances in batch order. */
class PointsBatchTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-20T19:30:00+08:00");

    static PointsEntry entry(UUID person, String subject, int points) {
        return new PointsEntry(UUID.randomUUID(), person, subject, PointsActivity.ATTENDANCE, points, "s", null, null,
                NOW);
    }

    /** Ids handed out in order, so a test can say which entry got which. */
    static Supplier<UUID> ids(UUID... values) {
        Deque<UUID> queue = new ArrayDeque<>(List.of(values));
        return queue::removeFirst;
    }

    final UUID chen = UUID.randomUUID();

    @Test
    void aCreditEarnsTheRulesPointsOncePerSource() {
        PointsEntry standing = new PointsEntry(UUID.randomUUID(), null, "li", PointsActivity.LECTURE, 5, "session-1",
                "讲课", null, NOW.minusDays(1));
        List<PointsChange> changes = List.of(PointsChange.credit("chen", "讲课"), PointsChange.credit("li", "讲课"));
        assertThat(PointsBatch.creditsDue(changes, Map.of("li", standing))).containsExactly("chen");
        UUID id = UUID.randomUUID();
        List<PointsEntry> entries = PointsBatch.entries(PointsActivity.LECTURE, "session-1", changes,
                Map.of("li", standing), 8, Map.of("chen", chen), ids(id), NOW);
        // li's credit stands already: a second one is nothing (a redelivered event, a repeated mark)
        assertThat(entries).extracting(PointsEntry::id, PointsEntry::personId, PointsEntry::subject,
                        PointsEntry::activity, PointsEntry::points, PointsEntry::sourceId, PointsEntry::reason,
                        PointsEntry::reverses, PointsEntry::at)
                .containsExactly(tuple(id, chen, "chen", PointsActivity.LECTURE, 8, "session-1", "讲课", null, NOW));
    }

    @Test
    void aMemberNotYetKnownAsAPersonIsCreditedByLogin() {
        List<PointsEntry> entries = PointsBatch.entries(PointsActivity.REFLECTION, "r-1",
                List.of(PointsChange.credit("newcomer", "观后感")), Map.of(), 3, Map.of(), UUID::randomUUID, NOW);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.personId()).isNull();
            assertThat(e.subject()).isEqualTo("newcomer");
            assertThat(e.isReversal()).isFalse();
        });
    }

    @Test
    void anActivityWithoutARuleEarnsNothingButIsStillRecorded() {
        assertThat(PointsBatch.entries(PointsActivity.PRACTICE, "t-1", List.of(PointsChange.credit("chen", "实践")),
                Map.of(), 0, Map.of(), UUID::randomUUID, NOW)).singleElement().extracting(PointsEntry::points)
                .isEqualTo(0);
    }

    @Test
    void aReversalTakesBackOnlyAStandingCreditAndNamesIt() {
        PointsEntry standing = new PointsEntry(UUID.randomUUID(), chen, "chen", PointsActivity.ATTENDANCE, 2,
                "session-1", "参加", null, NOW.minusDays(1));
        List<PointsChange> changes = List.of(PointsChange.reversal("chen", "签到更正为 ABSENT"),
                PointsChange.reversal("li", "签到更正为 ABSENT"));
        assertThat(PointsBatch.creditsDue(changes, Map.of("chen", standing))).isEmpty();
        UUID id = UUID.randomUUID();
        List<PointsEntry> entries = PointsBatch.entries(PointsActivity.ATTENDANCE, "session-1", changes,
                Map.of("chen", standing), 99, Map.of(), ids(id), NOW);
        // li had nothing standing: nothing to take back; chen's reversal negates the credit's own points, not the rule's
        assertThat(entries).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.points()).isEqualTo(-2);
            assertThat(r.reverses()).isEqualTo(standing.id());
            assertThat(r.isReversal()).isTrue();
            assertThat(r.personId()).isEqualTo(chen);
            assertThat(r.sourceId()).isEqualTo("session-1");
            assertThat(r.reason()).isEqualTo("签到更正为 ABSENT");
        });
    }

    @Test
    void aReversalIsNeverReversed() {
        PointsEntry reversal = entry(chen, "chen", 2).reversal(UUID.randomUUID(), "wrong", NOW);
        assertThatThrownBy(() -> reversal.reversal(UUID.randomUUID(), "again", NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("credit again instead");
    }

    @Test
    void aMemberAppearsOnceInABatch() {
        assertThatThrownBy(() -> PointsBatch.requireDistinctSubjects(List.of(PointsChange.credit("chen", "a"),
                PointsChange.reversal("chen", "b")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a subject appears twice among the changes");
        PointsBatch.requireDistinctSubjects(List.of(PointsChange.credit("chen", "a"), PointsChange.credit("li", "a")));
    }

    @Test
    void attendanceEarnsWhenTakingPartAndIsTakenBackOtherwise() {
        assertThat(PointsChange.forAttendance("chen", AttendanceStatus.PRESENT, "党史第一课", null))
                .isEqualTo(PointsChange.credit("chen", "参加《党史第一课》"));
        assertThat(PointsChange.forAttendance("chen", AttendanceStatus.LATE, "党史第一课", "堵车"))
                .isEqualTo(PointsChange.credit("chen", "参加《党史第一课》"));
        assertThat(PointsChange.forAttendance("chen", AttendanceStatus.ABSENT, "党史第一课", null))
                .isEqualTo(PointsChange.reversal("chen", "签到更正为 ABSENT"));
        assertThat(PointsChange.forAttendance("chen", AttendanceStatus.EXCUSED, "党史第一课", "住院"))
                .isEqualTo(PointsChange.reversal("chen", "签到更正为 EXCUSED: 住院"));
    }

    @Test
    void aRuleEarnsBetweenNoneAndAThousandPointsAndSaysWhatEarnsThem() {
        assertThat(new PointsRule(PointsActivity.BOOK_FINISHED, 1000, "读完必读书目", 1).points()).isEqualTo(1000);
        assertThat(new PointsRule(PointsActivity.BOOK_FINISHED, 0, "暂停", 1).points()).isZero();
        for (int points : new int[] {-1, 1001}) {
            assertThatThrownBy(() -> new PointsRule(PointsActivity.BOOK_FINISHED, points, "x", 1))
                    .isInstanceOf(DomainProblem.class).hasMessage("points: between 0 and 1000");
        }
        assertThatThrownBy(() -> new PointsRule(PointsActivity.BOOK_FINISHED, 1, " ", 1))
                .isInstanceOf(DomainProblem.class).hasMessage("description: say what earns it");
    }

    @Test
    void laterEntriesOfTheSameMemberAreNotYetInAnEarlierBalance() {
        List<PointsEntry> entries = List.of(
                entry(chen, "chen", 1),          // chen, by person and subject
                entry(null, "li", 1),             // li, not known by person
                entry(chen, "chen-old", 2),       // chen again under an old login: same person
                entry(null, "chen", -1),          // chen's subject, person unknown at the time
                entry(UUID.randomUUID(), "wang", 5));
        long[] afterBatch = {10, 1, 12, 10, 5};
        assertThat(PointsBatch.balancesAsAppliedInOrder(entries, afterBatch))
                // chen: 10 after the batch, less the later +2 (same person) and -1 (same subject)
                // chen-old: by person chen, which the later -1 does not name (no person), so 12 stays
                // the subject-only line: 10, nothing after it
                .containsExactly(9, 1, 12, 10, 5);
        assertThat(afterBatch).containsExactly(10, 1, 12, 10, 5);
    }

    @Test
    void aBatchOfOneKeepsItsBalance() {
        assertThat(PointsBatch.balancesAsAppliedInOrder(List.of(entry(null, "x", 3)), new long[] {7}))
                .containsExactly(7);
    }
}
