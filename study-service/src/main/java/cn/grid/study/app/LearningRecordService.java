package cn.grid.study.app;

import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.time.GridCalendar;
import cn.grid.study.domain.MemberSummary;
import cn.grid.study.domain.PartyOrg;
import cn.grid.study.domain.RecordItem;
import cn.grid.study.persistence.LearningRecordRepository;
import cn.grid.study.persistence.PointsLedgerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A member's learning record (学习档案) and an organisation's summary per member, for reading and export. */
@ApplicationScoped
public class LearningRecordService {

    /** The record: the points balance and every line, newest first. */
    public record LearningRecord(UUID personId, long balance, List<RecordItem> items) {
    }

    private final LearningRecordRepository records;
    private final PointsLedgerService ledger;
    private final PointsLedgerRepository points;
    private final OrgAccess access;
    private final GridCalendar calendar;

    public LearningRecordService(LearningRecordRepository records, PointsLedgerService ledger,
            PointsLedgerRepository points, OrgAccess access, GridCalendar calendar) {
        this.records = records;
        this.ledger = ledger;
        this.points = points;
        this.access = access;
        this.calendar = calendar;
    }

    /** For the member themselves and the staff over one of their organisations. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LearningRecord of(UUID personId, Caller caller) {
        List<String> subjects = ledger.requireMayRead(personId, caller);
        return new LearningRecord(personId, points.balance(personId, subjects),
                records.timeline(personId, subjects, 1000));
    }

    /** The organisation's current members (its subtree) with their study between the two days (both included). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MemberSummary> summaries(UUID orgId, LocalDate from, LocalDate to, Caller caller) {
        if (from.isAfter(to)) {
            throw DomainProblem.invalid("to", "must not be before from");
        }
        if (from.plusYears(5).isBefore(to)) {
            throw DomainProblem.invalid("to", "a period spans at most five years");
        }
        PartyOrg org = access.get(orgId);
        access.requireReaderOver(org, caller);
        return records.summaries(org.orgPath(), calendar.today(), calendar.startOf(from),
                calendar.startOf(to.plusDays(1)));
    }
}
