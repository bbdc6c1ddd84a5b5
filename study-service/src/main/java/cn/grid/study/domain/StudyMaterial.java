package cn.grid.study.domain;

import cn.grid.platform.problem.DomainProblem;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A catalogue entry: a book, an education film, a micro-lecture or an article. A micro-lecture with a speaker
 * subject may be {@code offered}: branches then order it (点单式) and that speaker accepts or declines.
 */
@Entity
@Table(name = "study_material")
public class StudyMaterial {

    /** What an editor sets; the same for creating and replacing an entry. */
    public record Content(MaterialKind kind, String title, String author, String speakerSubject, boolean offered,
            Integer durationMinutes, Set<String> tags, String description, String url) {
    }

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    private MaterialKind kind;

    private String title;

    private String author;

    @Column(name = "speaker_subject")
    private String speakerSubject;

    private boolean offered;

    @Column(name = "duration_min")
    private Integer durationMinutes;

    private String description;

    private String url;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "study_material_tag", joinColumns = @JoinColumn(name = "material_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    @Column(name = "owner_grid_path")
    private String ownerGridPath;

    @Column(name = "created_by")
    private String createdBy;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected StudyMaterial() {
        // for JPA
    }

    public static StudyMaterial create(UUID id, Content content, String ownerGridPath, String createdBy,
            OffsetDateTime now) {
        StudyMaterial material = new StudyMaterial();
        material.id = id;
        material.ownerGridPath = ownerGridPath;
        material.createdBy = createdBy;
        material.createdAt = now;
        material.apply(content, now);
        return material;
    }

    /** Replaces what an editor sets; the owner and the creation stay. */
    public void replace(Content content, OffsetDateTime now) {
        apply(content, now);
    }

    private void apply(Content c, OffsetDateTime now) {
        if (c.speakerSubject() != null && c.kind() != MaterialKind.MICRO_LECTURE) {
            throw DomainProblem.invalid("speakerSubject", "only a micro-lecture has a speaker who takes orders");
        }
        if (c.offered()) {
            if (c.kind() != MaterialKind.MICRO_LECTURE) {
                throw DomainProblem.invalid("offered", "only micro-lectures are offered for ordering (点单)");
            }
            if (c.speakerSubject() == null) {
                throw DomainProblem.invalid("speakerSubject", "an offered micro-lecture needs the speaker who "
                        + "accepts or declines its orders");
            }
            if (c.author() == null) {
                throw DomainProblem.invalid("author", "an offered micro-lecture names its speaker (主讲人)");
            }
        }
        kind = c.kind();
        title = c.title();
        author = c.author();
        speakerSubject = c.speakerSubject();
        offered = c.offered();
        durationMinutes = c.durationMinutes();
        description = c.description();
        url = c.url();
        tags.clear();
        if (c.tags() != null) {
            tags.addAll(c.tags());
        }
        updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public MaterialKind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String author() {
        return author;
    }

    public String speakerSubject() {
        return speakerSubject;
    }

    public boolean offered() {
        return offered;
    }

    public Integer durationMinutes() {
        return durationMinutes;
    }

    public String description() {
        return description;
    }

    public String url() {
        return url;
    }

    public Set<String> tags() {
        return Set.copyOf(tags);
    }

    public String ownerGridPath() {
        return ownerGridPath;
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
