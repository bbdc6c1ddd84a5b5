package cn.grid.notification.app;

import cn.grid.contracts.events.grid.RegistrationReviewedV1;
import cn.grid.contracts.events.grid.RegistrationSubmittedV1;
import cn.grid.contracts.events.request.RequestEscalatedV1;
import cn.grid.contracts.events.request.RequestOverdueV1;
import cn.grid.contracts.events.request.RequestSubmittedV1;
import cn.grid.contracts.events.request.RequestTransitionedV1;
import cn.grid.contracts.events.study.LectureOrderAcceptedV1;
import cn.grid.contracts.events.study.LectureOrderDeclinedV1;
import cn.grid.contracts.events.study.LectureOrderPlacedV1;
import cn.grid.contracts.events.study.ReflectionReviewedV1;
import cn.grid.contracts.events.study.ReflectionSubmittedV1;
import cn.grid.notification.app.rules.WhoMustKnow;
import cn.grid.notification.domain.Notification;
import cn.grid.notification.domain.NotificationDraft;
import cn.grid.notification.domain.Ticket;
import cn.grid.notification.persistence.TicketRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * An event handled: the rules ({@link WhoMustKnow}) decide who must know, {@link InboxWriter} tells them — in the
 * consumer's transaction, which also records the event as processed, so a redelivered event tells nobody twice.
 */
@ApplicationScoped
public class Notifier {

    private final WhoMustKnow rules;
    private final InboxWriter inboxes;
    private final TicketRepository tickets;

    public Notifier(WhoMustKnow rules, InboxWriter inboxes, TicketRepository tickets) {
        this.rules = rules;
        this.inboxes = inboxes;
        this.tickets = tickets;
    }

    /** The source of an event being handled: its id and type, for the notifications it causes. */
    public record Source(UUID eventId, String eventType) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> requestSubmitted(Source source, RequestSubmittedV1 e) {
        // title is a required column: a ticket without one is remembered with an empty one (the rules name its id)
        tickets.remember(new Ticket(UUID.fromString(e.requestId()), e.type(), e.title() == null ? "" : e.title(),
                e.reporterId(),
                e.gridNodeId() == null || e.gridNodeId().isBlank() ? null : UUID.fromString(e.gridNodeId())),
                e.submittedAt());
        return tell(source, rules.requestSubmitted(e));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> requestMoved(Source source, String move, RequestTransitionedV1 e) {
        return tell(source, rules.requestMoved(move, e, ticket(e.requestId())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> requestOverdue(Source source, RequestOverdueV1 e) {
        return tell(source, rules.requestOverdue(e, ticket(e.requestId())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> requestEscalated(Source source, RequestEscalatedV1 e) {
        return tell(source, rules.requestEscalated(e, ticket(e.requestId())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> lectureOrderPlaced(Source source, LectureOrderPlacedV1 e) {
        return tell(source, rules.lectureOrderPlaced(e));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> lectureOrderDeclined(Source source, LectureOrderDeclinedV1 e) {
        return tell(source, rules.lectureOrderDeclined(e));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> lectureOrderAccepted(Source source, LectureOrderAcceptedV1 e) {
        return tell(source, rules.lectureOrderAccepted(e));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> reflectionSubmitted(Source source, ReflectionSubmittedV1 e) {
        return tell(source, rules.reflectionSubmitted(e));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> reflectionReviewed(Source source, ReflectionReviewedV1 e) {
        return tell(source, rules.reflectionReviewed(e));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> registrationSubmitted(Source source, RegistrationSubmittedV1 e) {
        return tell(source, rules.registrationSubmitted(e));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> registrationReviewed(Source source, RegistrationReviewedV1 e) {
        return tell(source, rules.registrationReviewed(e));
    }

    private Ticket ticket(String requestId) {
        return tickets.find(UUID.fromString(requestId)).orElse(null);
    }

    private List<Notification> tell(Source source, List<NotificationDraft> drafts) {
        return drafts.isEmpty() ? List.of() : inboxes.deliver(drafts, source.eventId(), source.eventType());
    }
}
