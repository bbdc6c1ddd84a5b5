package cn.grid.study.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** How far one member has read one of a plan's required books, as they report it. */
@Entity
@Table(name = "study_reading_progress")
public class ReadingProgress {

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "plan_id")
        private UUID planId;

        @Column(name = "material_id")
        private UUID materialId;

        @Column(name = "member_subject")
        private String memberSubject;

        protected Key() {
            // for JPA
        }

        public Key(UUID planId, UUID materialId, String memberSubject) {
            this.planId = planId;
            this.materialId = materialId;
            this.memberSubject = memberSubject;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(planId, k.planId) && Objects.equals(materialId, k.materialId)
                    && Objects.equals(memberSubject, k.memberSubject);
        }

        @Override
        public int hashCode() {
            return Objects.hash(planId, materialId, memberSubject);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "pages_read")
    private Integer pagesRead;

    private Integer percent;

    private boolean finished;

    @Version
    private long version;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected ReadingProgress() {
        // for JPA
    }

    public static ReadingProgress start(UUID planId, UUID materialId, String memberSubject) {
        ReadingProgress progress = new ReadingProgress();
        progress.key = new Key(planId, materialId, memberSubject);
        return progress;
    }

    /** A member's report: pages read or a percentage (or both), and whether they finished; finished is 100%. */
    public void report(Integer pagesRead, Integer percent, boolean finished, OffsetDateTime now) {
        if (pagesRead == null && percent == null && !finished) {
            throw DomainProblem.invalid("pagesRead", "report pagesRead or percent, or finished");
        }
        if (finished && percent != null && percent != 100) {
            throw DomainProblem.invalid("percent", "a finished book is read to 100 percent");
        }
        this.pagesRead = pagesRead;
        this.percent = finished ? Integer.valueOf(100) : percent;
        this.finished = finished;
        this.updatedAt = now;
    }

    public UUID planId() {
        return key.planId;
    }

    public UUID materialId() {
        return key.materialId;
    }

    public String memberSubject() {
        return key.memberSubject;
    }

    public Integer pagesRead() {
        return pagesRead;
    }

    public Integer percent() {
        return percent;
    }

    public boolean finished() {
        return finished;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
