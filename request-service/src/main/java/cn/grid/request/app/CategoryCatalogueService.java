package cn.grid.request.app;

import cn.grid.platform.concurrency.IfMatch;
import cn.grid.platform.problem.DomainProblem;
import cn.grid.request.domain.RequestCategory;
import cn.grid.request.domain.RequestType;
import cn.grid.request.persistence.CategoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** The category catalogue: read by everyone (and by Open311 clients), edited by district administrators. */
@ApplicationScoped
public class CategoryCatalogueService {

    /** A category as stored, and whether this call created it. */
    public record Saved(RequestCategory category, boolean created) {
    }

    private final CategoryRepository categories;

    public CategoryCatalogueService(CategoryRepository categories) {
        this.categories = categories;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RequestCategory> list(boolean includeInactive) {
        return categories.all(includeInactive);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<RequestCategory> find(String code) {
        return categories.find(code);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RequestCategory get(String code) {
        return categories.find(code).orElseThrow(() -> DomainProblem.notFound("category", code));
    }

    /**
     * Creates the category, or replaces it when {@code ifMatch} names its current version. Replacing without
     * If-Match is refused (428): a catalogue edit never silently overwrites another.
     */
    @Transactional
    public Saved put(RequestCategory category, String ifMatch) {
        var existing = categories.find(category.code());
        if (existing.isEmpty()) {
            if (ifMatch != null) {
                throw DomainProblem.notFound("category", category.code());
            }
            if (!categories.insert(category)) {
                throw DomainProblem.conflict("category " + category.code() + " was created meanwhile; read it and "
                        + "send If-Match to replace it");
            }
            return new Saved(category.withVersion(0), true);
        }
        long expected = IfMatch.version(ifMatch);
        IfMatch.check(expected, existing.get().version(), "category " + category.code());
        if (!categories.update(category, expected)) {
            IfMatch.check(expected, expected + 1, "category " + category.code());
        }
        return new Saved(category.withVersion(expected + 1), false);
    }

    /**
     * The category a submission lands in: the one it names (active, and of the submission's type when both
     * are given), or the type's general category.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RequestCategory forSubmission(RequestType type, String code) {
        if (code == null) {
            if (type == null) {
                throw DomainProblem.invalid("type", "give a type or a category");
            }
            return get(RequestCategory.generalCodeOf(type));
        }
        RequestCategory category = categories.find(code)
                .filter(RequestCategory::active)
                .orElseThrow(() -> DomainProblem.invalid("category", "no active category " + code
                        + " (GET /api/v1/request-categories lists them)"));
        if (type != null && type != category.type()) {
            throw DomainProblem.invalid("type", "category " + code + " is a " + category.type() + ", not a " + type);
        }
        return category;
    }
}
