package cn.grid.grid.persistence;

import cn.grid.grid.domain.Person;
import cn.grid.platform.gridview.SubtreeQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PersonRepository implements PanacheRepositoryBase<Person, UUID> {

    public boolean identityTaken(String hmac) {
        return hmac != null && count("idNumberHmac", hmac) > 0;
    }

    public boolean subjectTaken(String subject) {
        return subject != null && count("subject", subject) > 0;
    }

    public List<Person> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    /** Keeps the copies of home paths in step with a subtree move. */
    public int moveHomePaths(String oldPath, String newPath) {
        return getEntityManager().createNativeQuery(
                        "update person set home_path = ?1 || substr(home_path, ?3) where home_path like ?2")
                .setParameter(1, newPath)
                .setParameter(2, SubtreeQuery.likePrefix(oldPath))
                .setParameter(3, oldPath.length() + 1)
                .executeUpdate();
    }
}
