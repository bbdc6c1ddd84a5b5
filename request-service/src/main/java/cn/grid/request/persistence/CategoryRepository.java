package cn.grid.request.persistence;

import cn.grid.request.domain.CategoryField;
import cn.grid.request.domain.HandlingLevel;
import cn.grid.request.domain.RequestCategory;
import cn.grid.request.domain.RequestType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The category catalogue, kept as rows with the extra fields in a jsonb column. */
@ApplicationScoped
public class CategoryRepository {

    private static final String COLUMNS = "code, name, description, request_type, handling_level, "
            + "respond_within_minutes, sign_within_minutes, resolve_within_minutes, auto_escalate, fields::text, "
            + "category_group, active, version";
    private static final TypeReference<List<CategoryField>> FIELDS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper json;

    public CategoryRepository(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** The catalogue in code order; inactive categories only when asked for. */
    public List<RequestCategory> all(boolean includeInactive) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + " from request_category"
                + (includeInactive ? "" : " where active") + " order by code").getResultList();
        return rows.stream().map(this::toCategory).toList();
    }

    public Optional<RequestCategory> find(String code) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                + " from request_category where code = ?1").setParameter(1, code).getResultList();
        return rows.stream().findFirst().map(this::toCategory);
    }

    /** Adds a category; false when the code is taken (a concurrent create). */
    public boolean insert(RequestCategory c) {
        return entityManager.createNativeQuery("""
                insert into request_category (code, name, description, request_type, handling_level,
                    respond_within_minutes, sign_within_minutes, resolve_within_minutes, auto_escalate, fields,
                    category_group, active, version, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as jsonb), ?11, ?12, 0, now())
                on conflict (code) do nothing""")
                .setParameter(1, c.code()).setParameter(2, c.name()).setParameter(3, c.description())
                .setParameter(4, c.type().name()).setParameter(5, c.handlingLevel().name())
                .setParameter(6, minutes(c.sla().respondWithin())).setParameter(7, minutes(c.sla().signWithin()))
                .setParameter(8, minutes(c.sla().resolveWithin())).setParameter(9, c.autoEscalate())
                .setParameter(10, write(c.fields())).setParameter(11, c.group()).setParameter(12, c.active())
                .executeUpdate() == 1;
    }

    /** Replaces a category if it is still at {@code expectedVersion}; false when someone changed it first. */
    public boolean update(RequestCategory c, long expectedVersion) {
        return entityManager.createNativeQuery("""
                update request_category set name = ?2, description = ?3, request_type = ?4, handling_level = ?5,
                    respond_within_minutes = ?6, sign_within_minutes = ?7, resolve_within_minutes = ?8,
                    auto_escalate = ?9, fields = cast(?10 as jsonb), category_group = ?11, active = ?12,
                    version = version + 1, updated_at = now()
                where code = ?1 and version = ?13""")
                .setParameter(1, c.code()).setParameter(2, c.name()).setParameter(3, c.description())
                .setParameter(4, c.type().name()).setParameter(5, c.handlingLevel().name())
                .setParameter(6, minutes(c.sla().respondWithin())).setParameter(7, minutes(c.sla().signWithin()))
                .setParameter(8, minutes(c.sla().resolveWithin())).setParameter(9, c.autoEscalate())
                .setParameter(10, write(c.fields())).setParameter(11, c.group()).setParameter(12, c.active())
                .setParameter(13, expectedVersion)
                .executeUpdate() == 1;
    }

    private RequestCategory toCategory(Object[] r) {
        RequestCategory.Sla sla = new RequestCategory.Sla(Duration.ofMinutes(((Number) r[5]).longValue()),
                Duration.ofMinutes(((Number) r[6]).longValue()), Duration.ofMinutes(((Number) r[7]).longValue()));
        return new RequestCategory((String) r[0], (String) r[1], (String) r[2], RequestType.valueOf((String) r[3]),
                HandlingLevel.valueOf((String) r[4]), sla, (Boolean) r[8], read((String) r[9]), (String) r[10],
                (Boolean) r[11], ((Number) r[12]).longValue());
    }

    private List<CategoryField> read(String fields) {
        try {
            return json.readValue(fields, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request_category.fields is not a field list: " + fields, e);
        }
    }

    private String write(List<CategoryField> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write category fields", e);
        }
    }

    private static int minutes(Duration d) {
        return Math.toIntExact(Math.max(1, d.toMinutes()));
    }
}
