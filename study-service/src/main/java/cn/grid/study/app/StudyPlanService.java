package cn.grid.study.app;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.platform.security.Roles;
import cn.grid.study.domain.MaterialKind;
import cn.grid.study.domain.OrgMember;
import cn.grid.study.domain.PartyOrg;
import cn.grid.study.domain.PointsActivity;
import cn.grid.study.domain.ReadingProgress;
import cn.grid.study.domain.StudyMaterial;
import cn.grid.study.domain.StudyPlan;
import cn.grid.study.persistence.ReadingProgressRepository;
import cn.grid.study.persistence.StudyPlanRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Study plans per party organisation and year, and the members' reading of the plans' required books.
 * Administrators over the organisation's grid write plans; its members read them and report their reading.
 */
@ApplicationScoped
public class StudyPlanService {

    /** One member's reading of the plan's books: a row per required book, unread ones included. */
    public record MemberReading(OrgMember member, List<BookReading> books) {
    }

    /** One required book and how far the member got (progress null: nothing reported yet). */
    public record BookReading(StudyMaterial book, ReadingProgress progress) {
    }

    private final StudyPlanRepository plans;
    private final ReadingProgressRepository progress;
    private final MaterialService materials;
    private final OrgAccess access;
    private final PointsLedgerService ledger;

    public StudyPlanService(StudyPlanRepository plans, ReadingProgressRepository progress, MaterialService materials,
            OrgAccess access, PointsLedgerService ledger) {
        this.ledger = ledger;
        this.plans = plans;
        this.progress = progress;
        this.materials = materials;
        this.access = access;
    }

    @Transactional
    public StudyPlan create(UUID orgId, int year, StudyPlan.Content content, Caller caller) {
        PartyOrg org = access.require(orgId, "orgId");
        access.requireAdminOver(org, caller);
        requireBooks(content);
        if (plans.findByOrgAndYear(orgId, year).isPresent()) {
            throw DomainProblem.conflict("party organisation " + orgId + " already has a study plan for " + year
                    + "; change that one (PUT with If-Match)");
        }
        StudyPlan plan = StudyPlan.create(Ids.newId(), orgId, year, content, caller.subject(), OffsetDateTime.now());
        plans.persist(plan);
        return plan;
    }

    @Transactional
    public StudyPlan replace(UUID id, long version, UUID orgId, int year, StudyPlan.Content content, Caller caller) {
        StudyPlan plan = require(id);
        IfMatch.check(version, plan.version(), "plan " + id);
        access.requireAdminOver(access.get(plan.orgId()), caller);
        // a plan is the organisation's for its year; another year is another plan
        if (!plan.orgId().equals(orgId)) {
            throw DomainProblem.invalid("orgId", "plan " + id + " is for organisation " + plan.orgId());
        }
        if (plan.year() != year) {
            throw DomainProblem.invalid("year", "plan " + id + " is for " + plan.year() + "; create another plan "
                    + "for " + year);
        }
        requireBooks(content);
        plan.replace(content, OffsetDateTime.now());
        plans.flush();
        return plan;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StudyPlan get(UUID id, Caller caller) {
        StudyPlan plan = require(id);
        PartyOrg org = access.get(plan.orgId());
        if (!access.isAdminOver(org, caller) && access.membership(org, caller.subject()).isEmpty()) {
            throw DomainProblem.forbidden("plan " + id + " belongs to an organisation you neither administer nor "
                    + "belong to");
        }
        return plan;
    }

    /**
     * Administrators: the plans of the organisation and the organisations below it. Members: their
     * organisation's own plans.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> list(UUID orgId, Integer year, PageRequest page, Caller caller,
            Function<StudyPlan, T> view) {
        PartyOrg org = access.get(orgId);
        UUID onlyOrg = null;
        if (!access.isAdminOver(org, caller)) {
            if (access.membership(org, caller.subject()).isEmpty()) {
                throw DomainProblem.forbidden("party organisation " + orgId + " is neither yours to administer "
                        + "nor one you belong to");
            }
            onlyOrg = orgId;
        }
        return page.page(plans.list(org.orgPath(), org.gridPath(), onlyOrg, year, page.afterId(), page.limit() + 1),
                p -> p.id().toString(), view);
    }

    /** A member reports their own reading of one of the plan's required books. */
    @Transactional
    public ReadingProgress report(UUID planId, UUID materialId, Integer pagesRead, Integer percent,
            boolean finished, Caller caller) {
        StudyPlan plan = require(planId);
        if (!caller.hasRole(Roles.PARTY_MEMBER)
                || access.membership(access.get(plan.orgId()), caller.subject()).isEmpty()) {
            throw DomainProblem.forbidden("only a member of the plan's organisation reports their reading");
        }
        if (!plan.requires(materialId)) {
            throw DomainProblem.notFound("required book", materialId + " in plan " + planId);
        }
        ReadingProgress row = progress.findByIdOptional(new ReadingProgress.Key(planId, materialId, caller.subject()))
                .orElse(null);
        if (row == null) {
            row = ReadingProgress.start(planId, materialId, caller.subject());
            row.report(pagesRead, percent, finished, OffsetDateTime.now());
            progress.persist(row);
        } else {
            row.report(pagesRead, percent, finished, OffsetDateTime.now());
        }
        progress.flush();
        // a book finished earns BOOK_FINISHED once per member and book, whichever plan required it; reporting it
        // unfinished again takes the points back
        if (finished) {
            ledger.credit(caller.subject(), PointsActivity.BOOK_FINISHED, materialId.toString(), "读完必读书目");
        } else {
            ledger.reverse(caller.subject(), PointsActivity.BOOK_FINISHED, materialId.toString(), "改报为未读完");
        }
        return row;
    }

    /**
     * Reading per member: administrators over the organisation see every current member (also those who
     * reported nothing, which is the point of the list); a member sees their own.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MemberReading> reading(UUID planId, Caller caller) {
        StudyPlan plan = require(planId);
        PartyOrg org = access.get(plan.orgId());
        List<OrgMember> members;
        List<ReadingProgress> rows;
        if (access.isAdminOver(org, caller)) {
            members = access.members(org);
            rows = progress.ofPlan(planId);
        } else {
            members = access.membership(org, caller.subject()).map(List::of).orElseThrow(() ->
                    DomainProblem.forbidden("plan " + planId + " belongs to an organisation you neither administer "
                            + "nor belong to"));
            rows = progress.ofPlanAndMember(planId, caller.subject());
        }
        Map<String, ReadingProgress> bySubjectAndBook = new HashMap<>();
        rows.forEach(r -> bySubjectAndBook.put(r.memberSubject() + "|" + r.materialId(), r));
        List<StudyMaterial> books = plan.bookIds().stream().map(materials::get).toList();
        return members.stream().map(m -> new MemberReading(m, books.stream()
                .map(b -> new BookReading(b, bySubjectAndBook.get(m.subject() + "|" + b.id()))).toList())).toList();
    }

    private void requireBooks(StudyPlan.Content content) {
        if (content.bookIds() == null) {
            return;
        }
        for (UUID bookId : content.bookIds()) {
            StudyMaterial book = materials.requireReferenced(bookId, "bookIds");
            if (book.kind() != MaterialKind.BOOK) {
                throw DomainProblem.invalid("bookIds", "material " + bookId + " is a " + book.kind() + ", not a BOOK");
            }
        }
    }

    private StudyPlan require(UUID id) {
        return plans.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("plan", id));
    }
}
