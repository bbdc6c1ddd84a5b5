package cn.grid.request.app;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.time.GridCalendar;
import cn.grid.readmodel.grid.GridNodeSnapshot;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.request.domain.CategoryCount;
import cn.grid.request.domain.SlaTotals;
import cn.grid.request.domain.StageTimes;
import cn.grid.request.domain.StatsGroup;
import cn.grid.request.persistence.RequestStatsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Ticket statistics of a subtree over a period of days (in grid.time-zone), for dashboards and reports. */
@ApplicationScoped
public class RequestStatsService {

    /** The numbers, with the groups they come from. */
    public record Stats(UUID gridNodeId, LocalDate from, LocalDate to, long submitted, long resolved, long rated,
            long satisfied, Double resolutionRate, Double satisfactionRate,
            @Schema(description = "首次响应率: accepted or rejected within the time limit, of those answered")
            Double firstResponseRate,
            @Schema(description = "响应率: signed (签收) within the time limit, of those signed") Double responseRate,
            @Schema(description = "按时办结率: resolved within the time limit (extensions included), of those resolved")
            Double onTimeClosureRate,
            @Schema(description = "Tickets escalated at least once (督办)") long escalated,
            @Schema(description = "Tickets with a clock overdue right now") long overdueNow,
            StageTimes averageSeconds, List<CategoryCount> topCategories,
            @Schema(examples = "办实事 1509 项 / 评价 925 项") String headline, List<StatsGroup> groups) {
    }

    private static final int TOP = 5;

    private final RequestStatsRepository stats;
    private final GridNodeViews grids;
    private final GridCalendar calendar;

    public RequestStatsService(RequestStatsRepository stats, GridNodeViews grids, GridCalendar calendar) {
        this.stats = stats;
        this.grids = grids;
        this.calendar = calendar;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Stats of(UUID gridNodeId, LocalDate from, LocalDate to, Caller caller) {
        if (from.isAfter(to)) {
            throw DomainProblem.invalid("to", "must not be before from");
        }
        if (from.plusYears(5).isBefore(to)) {
            throw DomainProblem.invalid("to", "a period spans at most five years");
        }
        GridNodeSnapshot grid = grids.get(gridNodeId, caller);
        OffsetDateTime start = calendar.startOf(from);
        OffsetDateTime end = calendar.startOf(to.plusDays(1));
        List<StatsGroup> groups = stats.groups(grid.path(), start, end);
        long submitted = groups.stream().mapToLong(StatsGroup::count).sum();
        long dropped = groups.stream().filter(g -> g.status().equals("REJECTED") || g.status().equals("WITHDRAWN"))
                .mapToLong(StatsGroup::count).sum();
        long resolved = groups.stream().mapToLong(StatsGroup::resolved).sum();
        long rated = groups.stream().mapToLong(StatsGroup::rated).sum();
        long satisfied = groups.stream().mapToLong(StatsGroup::satisfied).sum();
        SlaTotals sla = stats.slaTotals(grid.path(), start, end);
        return new Stats(gridNodeId, from, to, submitted, resolved, rated, satisfied,
                ratio(resolved, submitted - dropped), ratio(satisfied, rated),
                ratio(sla.respondedOnTime(), sla.responded()), ratio(sla.signedOnTime(), sla.signed()),
                ratio(sla.resolvedOnTime(), sla.resolved()), sla.escalated(), sla.overdueNow(),
                stats.stageTimes(grid.path(), start, end), stats.topCategories(grid.path(), start, end, TOP),
                "办实事 " + resolved + " 项 / 评价 " + rated + " 项", groups);
    }

    private static Double ratio(long part, long whole) {
        return whole <= 0 ? null : (double) part / whole;
    }
}
