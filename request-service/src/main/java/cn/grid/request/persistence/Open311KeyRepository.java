package cn.grid.request.persistence;

import cn.grid.request.domain.Open311Key;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class Open311KeyRepository implements PanacheRepositoryBase<Open311Key, UUID> {

    public Optional<Open311Key> findByHash(String keyHash) {
        return find("keyHash", keyHash).firstResultOptional();
    }

    public boolean liveNameTaken(String name) {
        return count("name = ?1 and revokedAt is null", name) > 0;
    }

    /** Every key, newest first; there are a handful per district. */
    public List<Open311Key> newestFirst() {
        return find("order by createdAt desc, id desc").list();
    }
}
