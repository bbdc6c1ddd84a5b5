package cn.grid.study.app;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.time.GridCalendar;
import cn.grid.readmodel.grid.GridNodeSnapshot;
import cn.grid.readmodel.grid.GridNodeViews;
import cn.grid.study.domain.ComplianceMonth;
import cn.grid.study.domain.ComplianceReport;
import cn.grid.study.domain.GridCompliance;
import cn.grid.study.domain.PartyOrg;
import cn.grid.study.messaging.StudyEventPublisher;
import cn.grid.study.persistence.ComplianceRepository;
import cn.grid.study.persistence.PartyOrgDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * 一课一片一实践, monthly: per member of an organisation and the organisations below it, a lecture-type session
 * (attended or given), a film screening, and practice; coverage per organisation and who is missing what.
 * Denominators are the members known through grid events for that month. A closed month answers from its
 * snapshot.
 */
@ApplicationScoped
public class ComplianceService {

    private final ComplianceRepository compliance;
    private final OrgAccess access;
    private final GridCalendar calendar;
    private final StudyEventPublisher events;

    private final PartyOrgDirectory directory;
    private final GridNodeViews grids;

    public ComplianceService(ComplianceRepository compliance, OrgAccess access, GridCalendar calendar,
            StudyEventPublisher events, PartyOrgDirectory directory, GridNodeViews grids) {
        this.compliance = compliance;
        this.directory = directory;
        this.grids = grids;
        this.access = access;
        this.calendar = calendar;
        this.events = events;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ComplianceReport report(UUID orgId, String month, Caller caller) {
        YearMonth ym = parse(month);
        PartyOrg org = access.get(orgId);
        access.requireReaderOver(org, caller);
        return compliance.snapshot(orgId, ym.toString()).orElseGet(() -> compute(org, ym));
    }

    /**
     * The month of a grid subtree: the reports of the topmost organisations seated in it, summed. For an
     * administrator whose scope covers the node.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public GridCompliance forGridNode(UUID gridNodeId, String month, Caller caller) {
        YearMonth ym = parse(month);
        // grids.get checks the scope
        if (!OrgAccess.isReader(caller)) {
            throw DomainProblem.forbidden("only an organisation or district administrator or a service reads this");
        }
        GridNodeSnapshot node = grids.get(gridNodeId, caller);
        List<PartyOrg> orgs = directory.topmostInGridSubtree(node.path());
        List<ComplianceReport> reports = orgs.stream()
                .map(org -> compliance.snapshot(org.id(), ym.toString()).orElseGet(() -> compute(org, ym)))
                .toList();
        return GridCompliance.of(gridNodeId, ym.toString(), orgs, reports);
    }

    /** Closes a month that is over: the snapshot is kept and announced; closing it again is a 409. */
    @Transactional
    public ComplianceReport close(UUID orgId, String month, Caller caller) {
        YearMonth ym = parse(month);
        PartyOrg org = access.get(orgId);
        access.requireAdminOver(org, caller);
        ComplianceMonth.requireOver(ym, calendar.today());
        ComplianceReport closed = compute(org, ym).closed(OffsetDateTime.now(), caller.subject());
        if (!compliance.close(closed)) {
            throw DomainProblem.conflict("month " + ym + " of organisation " + orgId + " is closed already");
        }
        events.monthClosed(closed);
        return closed;
    }

    private ComplianceReport compute(PartyOrg org, YearMonth month) {
        return ComplianceReport.of(org.id(), month.toString(), compliance.members(org.orgPath(), month.atDay(1),
                month.atEndOfMonth(), calendar.startOf(month.atDay(1)), calendar.startOf(month.plusMonths(1).atDay(1))),
                compliance.orgNames(org.orgPath()));
    }

    private static YearMonth parse(String month) {
        return ComplianceMonth.parse(month);
    }
}
