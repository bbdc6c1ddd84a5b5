package cn.grid.grid.persistence;

import cn.grid.grid.domain.Invitation;
import cn.grid.grid.domain.InvitationStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** A person's invitations, newest first. */
    public List<Invitation> ofPerson(UUID personId) {
        return list("personId = ?1 order by createdAt desc, id", personId);
    }

    /** A person's unanswered invitations, oldest first. */
    public List<Invitation> pendingOf(UUID personId, int limit) {
        return find("personId = ?1 and status = ?2 order by createdAt, id", personId, InvitationStatus.PENDING)
                .page(0, limit).list();
    }

    public long countPendingOf(UUID personId) {
        return count("personId = ?1 and status = ?2", personId, InvitationStatus.PENDING);
    }
}
