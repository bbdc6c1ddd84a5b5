package cn.grid.grid.app;

import cn.grid.platform.security.Caller;
import cn.grid.platform.work.WorkItem;
import cn.grid.platform.work.WorkList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** grid-service's part of the caller's work list ({@code GET /api/v1/me/work} merges it with the other services'). */
@ApplicationScoped
public class MyWorkService {

    /** A registration request the caller may approve or reject. */
    public static final String REGISTRATION_TO_REVIEW = "REGISTRATION_TO_REVIEW";
    /** An invitation to a role, membership or team place waiting for the caller's answer. */
    public static final String INVITATION_TO_ANSWER = "INVITATION_TO_ANSWER";

    /** How many items of each kind are listed; the counts are always complete. */
    static final int PAGE = 20;

    private final RegistrationService registrations;
    private final InvitationService invitations;

    public MyWorkService(RegistrationService registrations, InvitationService invitations) {
        this.registrations = registrations;
        this.invitations = invitations;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WorkList of(Caller caller) {
        List<WorkItem> items = new ArrayList<>();
        RegistrationService.ReviewQueue queue = registrations.queue(caller, PAGE);
        queue.items().forEach(r -> items.add(new WorkItem(REGISTRATION_TO_REVIEW, r.request().id().toString(),
                r.person().name() + " · " + r.node().name(), r.node().id().toString(), r.request().status().name(),
                null, "/api/v1/grids/" + r.node().id() + "/registrations/" + r.request().id() + "/approve")));
        InvitationService.Pending pending = invitations.pending(caller, PAGE);
        pending.items().forEach(o -> items.add(new WorkItem(INVITATION_TO_ANSWER, o.invitation().id().toString(),
                o.invitation().kind() + " " + o.invitation().role() + " · " + o.placeName(),
                o.invitation().nodeId().toString(), o.invitation().status().name(), null,
                "/api/v1/people/me/invitations/" + o.invitation().id() + "/accept")));
        boolean truncated = queue.total() > queue.items().size() || pending.total() > pending.items().size();
        return new WorkList(items, Map.of(REGISTRATION_TO_REVIEW, queue.total(), INVITATION_TO_ANSWER,
                pending.total()), truncated);
    }
}
