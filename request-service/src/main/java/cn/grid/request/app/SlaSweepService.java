package cn.grid.request.app;

import cn.grid.platform.ids.Ids;
import cn.grid.request.config.RequestsConfig;
import cn.grid.request.domain.RequestStatus;
import cn.grid.request.domain.ServiceRequest;
import cn.grid.request.domain.SlaStage;
import cn.grid.request.domain.Transition;
import cn.grid.request.domain.TransitionRecord;
import cn.grid.request.messaging.RequestEventPublisher;
import cn.grid.request.persistence.ServiceRequestRepository;
import cn.grid.request.persistence.TransitionRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Watches the clocks: marks each stage whose deadline passed (once per run of its clock), records it on the
 * timeline, announces it, and — for categories that say so — escalates the ticket one level. Candidates are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances sweep side by side without marking a
 * ticket twice; a ticket being moved by a user at that moment is simply picked up by the next sweep.
 */
@ApplicationScoped
public class SlaSweepService {

    private static final Logger LOG = Logger.getLogger(SlaSweepService.class);
    private static final int BATCH = 200;

    private final ServiceRequestRepository requests;
    private final TransitionRepository transitions;
    private final RequestEventPublisher events;
    private final EscalationService escalation;
    private final Duration ratingWindow;
    private final SlaMetrics metrics;

    public SlaSweepService(ServiceRequestRepository requests, TransitionRepository transitions,
            RequestEventPublisher events, EscalationService escalation,
            RequestsConfig config, SlaMetrics metrics) {
        this.requests = requests;
        this.transitions = transitions;
        this.events = events;
        this.escalation = escalation;
        this.ratingWindow = config.ratingWindow();
        this.metrics = metrics;
    }

    @Scheduled(identity = "sla-sweep", every = "${grid.requests.sla.sweep-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepOnSchedule() {
        int marked;
        int rounds = 0;
        do {
            marked = sweep(OffsetDateTime.now());
        } while (marked == BATCH && ++rounds < 50);
        rounds = 0;
        do {
            marked = closeUnrated(OffsetDateTime.now());
        } while (marked == BATCH && ++rounds < 50);
    }

    /**
     * RESOLVED → CLOSED for the tickets whose rating window ({@code grid.requests.rating-window}) ended without a
     * rating: audited (actor "sla") and announced as {@code cn.grid.request.closed.v1}. Returns how many.
     */
    @Transactional
    public int closeUnrated(OffsetDateTime now) {
        List<UUID> unrated = requests.lockUnratedSince(now.minus(ratingWindow), BATCH);
        List<RequestEventPublisher.Move> closed = new ArrayList<>(unrated.size());
        for (ServiceRequest request : requests.byIds(unrated)) {
            UUID id = request.id();
            RequestStatus from = request.closeUnrated(now);
            TransitionRecord record = new TransitionRecord(Ids.newId(), id, Transition.CLOSE, from, request.status(),
                    "sla", "no rating within " + ratingWindow.toDays() + " days of the resolution", now);
            transitions.persist(record);
            closed.add(new RequestEventPublisher.Move(request, record));
        }
        // one outbox statement and one flush for the batch (the inserts go out as JDBC batches), not one per ticket
        events.transitionedAll(closed);
        requests.flush();
        return unrated.size();
    }

    /** One batch as of {@code now}: returns how many tickets it looked at (a full batch means: run again). */
    @Transactional
    public int sweep(OffsetDateTime now) {
        List<UUID> due = requests.lockOverdueCandidates(now, BATCH);
        // one query for the batch, not one per ticket
        for (ServiceRequest request : requests.byIds(due)) {
            UUID id = request.id();
            List<SlaStage> stages = request.markOverdue(now);
            for (SlaStage stage : stages) {
                transitions.persist(new TransitionRecord(Ids.newId(), id, Transition.OVERDUE, request.status(),
                        request.status(), "sla", stage + " was due at " + request.sla().dueAt(stage), now));
                events.overdue(request, stage, now);
                metrics.markedOverdue(stage);
            }
            if (!stages.isEmpty() && request.escalation().autoEscalate() && escalation.nextLevel(request).isPresent()) {
                escalation.escalate(request, "sla", stages.get(0) + " overdue since " + request.sla().dueAt(stages.get(0)),
                        true, now);
            }
        }
        if (!due.isEmpty()) {
            requests.flush();
            LOG.debugf("SLA sweep looked at %d overdue ticket(s)", due.size());
        }
        return due.size();
    }
}
