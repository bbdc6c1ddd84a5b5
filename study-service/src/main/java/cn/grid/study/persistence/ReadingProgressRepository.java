package cn.grid.study.persistence;

import cn.grid.study.domain.ReadingProgress;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReadingProgressRepository implements PanacheRepositoryBase<ReadingProgress, ReadingProgress.Key> {

    public List<ReadingProgress> ofPlan(UUID planId) {
        return list("key.planId", planId);
    }

    public List<ReadingProgress> ofPlanAndMember(UUID planId, String subject) {
        return list("key.planId = ?1 and key.memberSubject = ?2", planId, subject);
    }
}
