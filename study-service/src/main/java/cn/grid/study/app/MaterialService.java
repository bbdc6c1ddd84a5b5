package cn.grid.study.app;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.idempotency.IdempotencyKeys;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.paging.CursorPage;
import cn.grid.platform.paging.PageRequest;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.platform.security.Caller;
import cn.grid.study.domain.MaterialKind;
import cn.grid.study.domain.StudyMaterial;
import cn.grid.study.persistence.MaterialRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;

/**
 * The materials catalogue: read by every role, edited by organisation and district administrators. An entry
 * belongs to the grid its editor's token was bound to; only administrators over that grid change it, so one
 * branch does not rewrite another's micro-lectures.
 */
@ApplicationScoped
public class MaterialService {

    /** The owner path of entries made by an unbound district administrator: only such callers cover it. */
    static final String DISTRICT_OWNED = "/";

    private final MaterialRepository materials;
    private final OrgAccess access;
    private final IdempotencyKeys idempotencyKeys;

    public MaterialService(MaterialRepository materials, OrgAccess access, IdempotencyKeys idempotencyKeys) {
        this.materials = materials;
        this.access = access;
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * Adds an entry; with an {@code idempotencyKey}, a retry of the same addition returns the entry the first one
     * added instead of a second entry. The request is fingerprinted as the content: every field of the body, the
     * tags sorted.
     */
    @Transactional
    public IdempotencyKeys.Outcome<StudyMaterial> create(StudyMaterial.Content content, Caller caller,
            String idempotencyKey) {
        return idempotencyKeys.once("POST /api/v1/study/materials", caller, idempotencyKey,
                content, () -> add(content, caller), m -> m.id(), materials::findByIdOptional);
    }

    private StudyMaterial add(StudyMaterial.Content content, Caller caller) {
        String scope = access.scopePath(caller);
        StudyMaterial material = StudyMaterial.create(Ids.newId(), content, scope == null ? DISTRICT_OWNED : scope,
                caller.subject(), OffsetDateTime.now());
        materials.persist(material);
        return material;
    }

    @Transactional
    public StudyMaterial replace(UUID id, long version, StudyMaterial.Content content, Caller caller) {
        StudyMaterial material = require(id);
        IfMatch.check(version, material.version(), "material " + id);
        caller.requireStaffOver(material.ownerGridPath(), "material " + id);
        material.replace(content, OffsetDateTime.now());
        materials.flush();
        return material;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StudyMaterial get(UUID id) {
        return require(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> CursorPage<T> search(MaterialKind kind, String tag, String text, Boolean offered, PageRequest page,
            Function<StudyMaterial, T> view) {
        return page.page(materials.search(kind, blankToNull(tag), blankToNull(text), offered, page.afterId(),
                page.limit() + 1), m -> m.id().toString(), view);
    }

    /** A material named in a body: 400 naming {@code field} when it does not exist. */
    StudyMaterial requireReferenced(UUID id, String field) {
        return materials.findByIdOptional(id)
                .orElseThrow(() -> DomainProblem.invalid(field, "material " + id + " does not exist"));
    }

    private StudyMaterial require(UUID id) {
        return materials.findByIdOptional(id).orElseThrow(() -> DomainProblem.notFound("material", id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
