package cn.grid.study.persistence;

import cn.grid.study.domain.MaterialKind;
import cn.grid.study.domain.StudyMaterial;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class MaterialRepository implements PanacheRepositoryBase<StudyMaterial, UUID> {

    /** The catalogue, newest first, filtered by kind, tag, offered and a text in title or author. */
    public List<StudyMaterial> search(MaterialKind kind, String tag, String text, Boolean offered, UUID beforeId,
            int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (kind != null) {
            query.append(" and kind = :kind");
            params = params.and("kind", kind);
        }
        if (tag != null) {
            query.append(" and :tag member of tags");
            params = params.and("tag", tag);
        }
        if (offered != null) {
            query.append(" and offered = :offered");
            params = params.and("offered", offered);
        }
        if (text != null) {
            query.append(" and (lower(title) like :text escape '\\' or lower(author) like :text escape '\\')");
            params = params.and("text", "%" + escape(text.toLowerCase(Locale.ROOT)) + "%");
        }
        if (beforeId != null) {
            query.append(" and id < :before");
            params = params.and("before", beforeId);
        }
        return find(query + " order by id desc", params).page(0, limit).list();
    }

    /** Micro-lectures currently offered for ordering: "微党课 developed" in the seed reports. */
    public long countOffered() {
        return count("offered = true");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
