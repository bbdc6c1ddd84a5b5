package cn.grid.study.app;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.platform.time.GridCalendar;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.PointsBatch;
import cn.grid.study.domain.PointsChange;
import cn.grid.study.domain.PointsEntry;
import cn.grid.study.domain.PointsRule;
import cn.grid.study.domain.PointsStanding;
import cn.grid.study.messaging.StudyEventPublisher;
import cn.grid.study.persistence.MemberDirectory;
import cn.grid.study.persistence.PointsLedgerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The points ledger (积分): credits by the configured rules, reversals that take a credit back, balances,
 * history and the ranking of an organisation. Entries are only ever appended; each one is announced.
 */
@ApplicationScoped
public class PointsLedgerService {

    /** A member's balance and a page of their entries. */
    public record Statement(UUID personId, long balance, CursorPage<PointsEntry> entries) {
    }

    private final PointsLedgerRepository ledger;
    private final MemberDirectory members;
    private final StudyEventPublisher events;
    private final GridCalendar calendar;
    private final OrgAccess access;

    public PointsLedgerService(PointsLedgerRepository ledger, MemberDirectory members, StudyEventPublisher events,
            GridCalendar calendar, OrgAccess access) {
        this.access = access;
        this.ledger = ledger;
        this.members = members;
        this.events = events;
        this.calendar = calendar;
    }

    /**
     * Credits {@code subject} for an activity once per source: a second credit for the same source while the
     * first stands is nothing (idempotent). Runs in the caller's transaction.
     *
     * @return the new entry, or empty when the credit already stands
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<PointsEntry> credit(String subject, PointsActivity activity, String sourceId, String reason) {
        return apply(activity, sourceId, List.of(PointsChange.credit(subject, reason))).stream().findFirst();
    }

    /** Takes back the standing credit for this source, if there is one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<PointsEntry> reverse(String subject, PointsActivity activity, String sourceId, String reason) {
        return apply(activity, sourceId, List.of(PointsChange.reversal(subject, reason))).stream().findFirst();
    }

    /**
     * Credits and reversals of many members (each subject once) for one activity and source, as {@link #credit}
     * and {@link #reverse} line by line would, in a number of statements that does not grow with the batch: the
     * members' locks in one statement (sorted), their standing credits, people and the rule in one query each, the
     * entries in one insert, the balances in one query and one points.awarded event per entry in one outbox insert.
     * Each event carries the balance after its own entry, as if the lines had been applied one by one in order.
     *
     * @return the entries appended, in the order of the changes
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<PointsEntry> apply(PointsActivity activity, String sourceId, List<PointsChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        PointsBatch.requireDistinctSubjects(changes);
        List<String> subjects = changes.stream().map(PointsChange::subject).toList();
        ledger.lockAll(activity, sourceId, subjects);
        Map<String, PointsEntry> live = ledger.liveCredits(activity, sourceId, subjects);
        List<String> due = PointsBatch.creditsDue(changes, live);
        int points = due.isEmpty() ? 0 : ledger.rule(activity).map(PointsRule::points).orElse(0);
        Map<String, UUID> persons = members.personsOf(due);
        List<PointsEntry> entries = PointsBatch.entries(activity, sourceId, changes, live, points, persons, Ids::newId,
                OffsetDateTime.now());
        append(entries);
        return entries;
    }

    private void append(List<PointsEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ledger.appendAll(entries);
        long[] balances = ledger.balances(entries.stream().map(PointsEntry::personId).toList(),
                entries.stream().map(PointsEntry::subject).toList());
        events.pointsAwarded(entries, PointsBatch.balancesAsAppliedInOrder(entries, balances));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PointsRule> rules() {
        return ledger.rules();
    }

    /** Changes how many points an activity earns from now on (entries already made stay as they are). */
    @Transactional
    public PointsRule changeRule(PointsActivity activity, int points, String description, long expectedVersion) {
        PointsRule current = ledger.rule(activity).orElseThrow(() -> DomainProblem.notFound("points rule", activity));
        IfMatch.check(expectedVersion, current.version(), "points rule " + activity);
        PointsRule changed = new PointsRule(activity, points, description, current.version() + 1);
        if (!ledger.updateRule(changed, expectedVersion)) {
            IfMatch.check(expectedVersion, expectedVersion + 1, "points rule " + activity);
        }
        return changed;
    }

    /** A member's balance and history: the member themselves, or staff whose scope covers one of their orgs. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Statement statement(UUID personId, PageRequest page, Caller caller) {
        List<String> subjects = requireMayRead(personId, caller);
        return new Statement(personId, ledger.balance(personId, subjects),
                page.page(ledger.history(personId, subjects, page.afterId(), page.limit() + 1),
                        e -> e.id().toString(), Function.identity()));
    }

    /** 积分排名: the organisation's current members by balance, for staff over it and its members. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PointsStanding> ranking(UUID orgId, int limit, Caller caller) {
        String path = members.orgGridPath(orgId).orElseThrow(() -> DomainProblem.notFound("party organisation", orgId));
        // staff over it first (no look-up); a member is one by today's roll, wherever they rank
        boolean allowed = staffOver(caller, path)
                || access.membershipsOf(caller.subject()).stream().anyMatch(m -> m.orgId().equals(orgId));
        if (!allowed) {
            throw DomainProblem.forbidden("the ranking of organisation " + orgId + " is for its members and the "
                    + "staff over it");
        }
        return ledger.ranking(orgId, calendar.today(), limit);
    }

    /** The subjects of the person, after checking the caller may read their record. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> requireMayRead(UUID personId, Caller caller) {
        List<String> subjects = members.subjectsOf(personId);
        if (subjects.contains(caller.subject())) {
            return subjects;
        }
        boolean staffOver = caller.covers(null) && isStaff(caller)
                || members.orgGridPathsOf(personId).stream().anyMatch(path -> staffOver(caller, path));
        if (!staffOver) {
            throw DomainProblem.forbidden("a member's record is for the member and the staff over their organisation");
        }
        return subjects;
    }

    /** An administrator of an organisation reaching the path, or a service account covering it. */
    private static boolean staffOver(Caller caller, String path) {
        return caller.orgAdminOver(path) || caller.hasRole(Roles.SERVICE) && caller.covers(path);
    }

    private static boolean isStaff(Caller caller) {
        return caller.hasRole(Roles.ORG_ADMIN) || caller.hasRole(Roles.DISTRICT_ADMIN) || caller.hasRole(Roles.SERVICE);
    }
}
