package cn.grid.study.domain;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The rules of the points ledger (积分) for one batch of changes to one activity and source (a session, a reflection,
 * a book, a ticket): a member earns an activity's credit once per source — a second credit while the first stands
 * is nothing, so redelivered events and repeated marks are harmless; a reversal takes back only a standing credit
 * (the credit's points negated, naming it) and is itself never reversed — crediting again makes a new credit; every
 * credit earns the points its rule says at the time (nothing when the activity has no rule). The ledger is
 * append-only: entries are never changed, only taken back.
 */
public final class PointsBatch {

    private PointsBatch() {
    }

    /** Each member appears once in a batch (their lines would otherwise depend on their order). */
    public static void requireDistinctSubjects(List<PointsChange> changes) {
        List<String> subjects = changes.stream().map(PointsChange::subject).toList();
        if (new HashSet<>(subjects).size() != subjects.size()) {
            throw new IllegalArgumentException("a subject appears twice among the changes");
        }
    }

    /** The members who earn a new credit: those asking for one without a standing credit for this source. */
    public static List<String> creditsDue(List<PointsChange> changes, Map<String, PointsEntry> standing) {
        return changes.stream().filter(c -> c.credit() && !standing.containsKey(c.subject()))
                .map(PointsChange::subject).toList();
    }

    /**
     * The entries the batch appends, in the order of the changes.
     *
     * @param standing the standing (unreversed) credits for this activity and source, by subject
     * @param points   what a credit earns now (the activity's rule)
     * @param persons  the person ids known for the subjects of {@link #creditsDue}; an unknown one stays null
     */
    public static List<PointsEntry> entries(PointsActivity activity, String sourceId, List<PointsChange> changes,
            Map<String, PointsEntry> standing, int points, Map<String, UUID> persons, Supplier<UUID> ids,
            OffsetDateTime now) {
        List<PointsEntry> entries = new ArrayList<>();
        for (PointsChange c : changes) {
            PointsEntry credit = standing.get(c.subject());
            if (c.credit() && credit == null) {
                entries.add(new PointsEntry(ids.get(), persons.get(c.subject()), c.subject(), activity, points,
                        sourceId, c.reason(), null, now));
            } else if (!c.credit() && credit != null) {
                entries.add(credit.reversal(ids.get(), c.reason(), now));
            }
        }
        return entries;
    }

    /**
     * The balance after each entry from the balances after the whole batch: an entry's member (the same person id,
     * or the same login subject) does not yet have the points of the entries after it.
     */
    public static long[] balancesAsAppliedInOrder(List<PointsEntry> entries, long[] afterBatch) {
        long[] balances = afterBatch.clone();
        for (int i = 0; i < entries.size(); i++) {
            PointsEntry mine = entries.get(i);
            for (int j = i + 1; j < entries.size(); j++) {
                PointsEntry later = entries.get(j);
                boolean samePerson = mine.personId() != null && mine.personId().equals(later.personId());
                if (samePerson || mine.subject().equals(later.subject())) {
                    balances[i] -= later.points();
                }
            }
        }
        return balances;
    }
}
