package cn.grid.study.app;

import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.platform.time.GridCalendar;
import cn.grid.platform.work.WorkItem;
import cn.grid.platform.work.WorkList;
import cn.grid.study.persistence.MemberDirectory;
import cn.grid.study.persistence.MyStudyRepository;
import cn.grid.study.persistence.MyStudyRepository.WaitingPage;
import cn.grid.study.persistence.PointsLedgerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The caller's own study: their points balance (all time, this year, this month, in the grid's time zone) and
 * study-service's part of their work list. The caller's person comes from the registry read models by login (until
 * the platform's rights core hands it over with the caller).
 */
@ApplicationScoped
public class MyStudyService {

    public static final String SESSION_EXPECTED = "SESSION_EXPECTED";
    public static final String REFLECTION_TO_REVIEW = "REFLECTION_TO_REVIEW";
    public static final String LECTURE_ORDER_TO_ACCEPT = "LECTURE_ORDER_TO_ACCEPT";
    /** How many items of each kind are listed; the counts are always whole. */
    public static final int ITEMS_PER_KIND = 20;

    /** The caller's points: the balance and what the year and month so far brought (reversals deducted). */
    public record MyPoints(long balance, int year, long thisYear, YearMonth month, long thisMonth) {
    }

    /** Who the caller is to study-service, and their points. */
    public record Me(String subject, UUID personId, MyPoints points) {
    }

    private final MemberDirectory members;
    private final MyStudyRepository mine;
    private final PointsLedgerRepository ledger;
    private final GridCalendar calendar;

    public MyStudyService(MemberDirectory members, MyStudyRepository mine, PointsLedgerRepository ledger,
            GridCalendar calendar) {
        this.members = members;
        this.mine = mine;
        this.ledger = ledger;
        this.calendar = calendar;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Me me(Caller caller) {
        UUID person = personOf(caller);
        LocalDate today = calendar.today();
        YearMonth month = YearMonth.from(today);
        long balance = ledger.balance(person, List.of(caller.subject()));
        long year = mine.pointsSince(person, caller.subject(), calendar.startOf(today.withDayOfYear(1)));
        long thisMonth = mine.pointsSince(person, caller.subject(), calendar.startOf(month.atDay(1)));
        return new Me(caller.subject(), person, new MyPoints(balance, today.getYear(), year, month, thisMonth));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WorkList work(Caller caller) {
        UUID person = personOf(caller);
        LocalDate today = calendar.today();
        // a district administrator without a narrowing scope reviews everywhere; anyone else where the registry
        // makes them an organisation's secretary, deputy or committee member
        boolean everywhere = caller.hasRole(Roles.DISTRICT_ADMIN) && caller.gridScope() == null;
        Map<String, WaitingPage> kinds = new LinkedHashMap<>();
        kinds.put(SESSION_EXPECTED, person == null ? new WaitingPage(0, List.of())
                : mine.sessionsExpected(person, caller.subject(), today, OffsetDateTime.now(), ITEMS_PER_KIND));
        kinds.put(REFLECTION_TO_REVIEW, person == null && !everywhere ? new WaitingPage(0, List.of())
                : mine.reflectionsToReview(person, caller.subject(), everywhere, today, ITEMS_PER_KIND));
        kinds.put(LECTURE_ORDER_TO_ACCEPT, mine.lectureOrdersToAccept(caller.subject(), ITEMS_PER_KIND));

        List<WorkItem> items = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean truncated = false;
        for (Map.Entry<String, WaitingPage> kind : kinds.entrySet()) {
            WaitingPage page = kind.getValue();
            counts.put(kind.getKey(), page.count());
            truncated |= page.count() > page.items().size();
            String base = switch (kind.getKey()) {
                case SESSION_EXPECTED -> "/api/v1/study/sessions/";
                case REFLECTION_TO_REVIEW -> "/api/v1/study/reflections/";
                default -> "/api/v1/study/lecture-orders/";
            };
            page.items().forEach(w -> items.add(new WorkItem(kind.getKey(), w.id().toString(), w.title(),
                    w.gridNodeId() == null ? null : w.gridNodeId().toString(), w.status(), w.dueAt(),
                    base + w.id())));
        }
        items.sort(Comparator.comparing(WorkItem::dueAt, Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder()))
                .thenComparing(WorkItem::kind).thenComparing(WorkItem::id));
        return new WorkList(items, counts, truncated);
    }

    /**
     * The registry's person linked to the login, as the rights core resolved it; the read models' answer by login
     * for a caller it did not resolve (a service's own authority).
     */
    private UUID personOf(Caller caller) {
        if (caller.personId() != null) {
            return UUID.fromString(caller.personId());
        }
        return members.personOf(caller.subject()).orElse(null);
    }
}
