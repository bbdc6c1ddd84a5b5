package cn.grid.study.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * A party organisation's study plan for one year (学习计划): key topics (重点题目), the required books
 * (必读书目, catalogue entries) and targets — sessions a month and the share of members covered.
 */
@Entity
@Table(name = "study_plan")
public class StudyPlan {

    /** What an administrator sets; the organisation and year are fixed once created. */
    public record Content(String title, List<String> topics, List<UUID> bookIds, Integer sessionsPerMonth,
            Integer coveragePercent) {
    }

    @Id
    private UUID id;

    @Column(name = "org_id")
    private UUID orgId;

    private int year;

    private String title;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "study_plan_topic", joinColumns = @JoinColumn(name = "plan_id"))
    @OrderColumn(name = "position")
    @Column(name = "topic")
    private List<String> topics = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "study_plan_book", joinColumns = @JoinColumn(name = "plan_id"))
    @OrderColumn(name = "position")
    @Column(name = "material_id")
    private List<UUID> bookIds = new ArrayList<>();

    @Column(name = "sessions_per_month")
    private Integer sessionsPerMonth;

    @Column(name = "coverage_percent")
    private Integer coveragePercent;

    @Column(name = "created_by")
    private String createdBy;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected StudyPlan() {
        // for JPA
    }

    public static StudyPlan create(UUID id, UUID orgId, int year, Content content, String createdBy,
            OffsetDateTime now) {
        StudyPlan plan = new StudyPlan();
        plan.id = id;
        plan.orgId = orgId;
        plan.year = year;
        plan.createdBy = createdBy;
        plan.createdAt = now;
        plan.apply(content, now);
        return plan;
    }

    public void replace(Content content, OffsetDateTime now) {
        apply(content, now);
    }

    private void apply(Content c, OffsetDateTime now) {
        List<UUID> books = c.bookIds() == null ? List.of() : c.bookIds();
        if (new HashSet<>(books).size() != books.size()) {
            throw DomainProblem.invalid("bookIds", "a book is listed once");
        }
        title = c.title();
        topics.clear();
        if (c.topics() != null) {
            topics.addAll(c.topics());
        }
        bookIds.clear();
        bookIds.addAll(books);
        sessionsPerMonth = c.sessionsPerMonth();
        coveragePercent = c.coveragePercent();
        updatedAt = now;
    }

    public boolean requires(UUID materialId) {
        return bookIds.contains(materialId);
    }

    public UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }

    public int year() {
        return year;
    }

    public String title() {
        return title;
    }

    public List<String> topics() {
        return List.copyOf(topics);
    }

    public List<UUID> bookIds() {
        return List.copyOf(bookIds);
    }

    public Integer sessionsPerMonth() {
        return sessionsPerMonth;
    }

    public Integer coveragePercent() {
        return coveragePercent;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
