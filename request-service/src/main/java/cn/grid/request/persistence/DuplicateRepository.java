package cn.grid.request.persistence;

import cn.grid.request.domain.RequestType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/** Likely duplicates (open, same category, nearby) and "me too" marks. */
@ApplicationScoped
public class DuplicateRepository {

    private static final double METRES_PER_DEGREE = 111_320;

    private final EntityManager entityManager;

    public DuplicateRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Open tickets of {@code type} and {@code categoryCode} within {@code radiusMetres} of the point, nearest first: a bounding box the
     * index serves, then the haversine distance.
     */
    public List<UUID> nearbyOpen(UUID except, RequestType type, String categoryCode, double lat, double lon, double radiusMetres, int limit) {
        double dLat = radiusMetres / METRES_PER_DEGREE;
        double dLon = radiusMetres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(lat))));
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("""
                select id from (
                    select id, 2 * 6371000 * asin(sqrt(power(sin(radians(latitude - ?3) / 2), 2)
                        + cos(radians(?3)) * cos(radians(latitude)) * power(sin(radians(longitude - ?4) / 2), 2))) as d
                    from service_request
                    where type = ?2 and category_code = ?11 and latitude between ?5 and ?6 and longitude between ?7 and ?8
                      and status not in ('REJECTED', 'CLOSED', 'WITHDRAWN') and id <> ?1) near
                where d <= ?9 order by d limit ?10""")
                .setParameter(1, except).setParameter(2, type.name()).setParameter(3, lat).setParameter(4, lon)
                .setParameter(5, lat - dLat).setParameter(6, lat + dLat)
                .setParameter(7, lon - dLon).setParameter(8, lon + dLon)
                .setParameter(9, radiusMetres).setParameter(10, limit).setParameter(11, categoryCode)
                .getResultList();
        return ids;
    }

    /** Marks "me too" once per citizen; returns whether this call added the mark. */
    public boolean meToo(UUID requestId, String subject) {
        return entityManager.createNativeQuery(
                        "insert into request_me_too (request_id, subject) values (?1, ?2) on conflict do nothing")
                .setParameter(1, requestId).setParameter(2, subject).executeUpdate() == 1;
    }

    /**
     * A duplicate resolved into its original: the duplicate's reporter and everyone who said "me too" on it
     * now count on the original (each citizen still once; never its own reporter). Returns how many marks the
     * original gained.
     */
    public int foldInto(UUID duplicate, UUID original) {
        return entityManager.createNativeQuery("""
                insert into request_me_too (request_id, subject)
                select ?2, subject from (
                    select subject from request_me_too where request_id = ?1
                    union
                    select reporter_id from service_request where id = ?1
                    except
                    select reporter_id from service_request where id = ?2) folded
                on conflict do nothing""")
                .setParameter(1, duplicate).setParameter(2, original).executeUpdate();
    }

    public long meTooCount(UUID requestId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from request_me_too where request_id = ?1")
                .setParameter(1, requestId).getSingleResult()).longValue();
    }
}
