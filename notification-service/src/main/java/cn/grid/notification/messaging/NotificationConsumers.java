package cn.grid.notification.messaging;

import cn.grid.contracts.events.EventTypes;
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
import cn.grid.notification.app.Notifier;
import cn.grid.notification.config.NotificationConfig;
import cn.grid.platform.consumer.EventConsumers;
import cn.grid.platform.consumer.EventHandler;
import cn.grid.platform.events.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The suite's events → inboxes, through the platform's idempotent consumer (each event handled once, in a
 * transaction with its {@code processed_event} row and the notifications it causes). One consumer group per topic:
 * {@code notification-service.request-events}, {@code .study-events}, and {@code .registrations} on grid.events
 * (grid.events also feeds the grid read models under grid-readmodel's own group,
 * {@code notification-service.grid-events}). Types without a handler are skipped. The topics listened to are
 * {@code grid.notification.inbox.topics}; {@code grid.notification.inbox.enabled=false} starts none.
 */
@ApplicationScoped
public class NotificationConsumers {

    static final String REQUEST_EVENTS = "notification-service.request-events";
    static final String STUDY_EVENTS = "notification-service.study-events";
    static final String REGISTRATIONS = "notification-service.registrations";

    /** The lifecycle moves someone must hear of (the rules tell who); the others are skipped. */
    static final List<String> MOVES = List.of("dispatched", "returned", "accepted", "rejected", "resolved",
            "closed", "withdrawn", "claimed");

    private final EventConsumers consumers;
    private final Notifier notifier;
    private final NotificationConfig.Inbox config;

    public NotificationConsumers(EventConsumers consumers, Notifier notifier, NotificationConfig config) {
        this.consumers = consumers;
        this.notifier = notifier;
        this.config = config.inbox();
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        List<String> topics = config.topics();
        if (topics.contains(EventTypes.REQUEST_TOPIC)) {
            Map<String, EventHandler> request = new HashMap<>();
            request.put(EventTypes.REQUEST_SUBMITTED, handle(RequestSubmittedV1.class, notifier::requestSubmitted));
            request.put(EventTypes.REQUEST_OVERDUE, handle(RequestOverdueV1.class, notifier::requestOverdue));
            request.put(EventTypes.REQUEST_ESCALATED, handle(RequestEscalatedV1.class, notifier::requestEscalated));
            for (String move : MOVES) {
                request.put(RequestTransitionedV1.typeOf(move), handle(RequestTransitionedV1.class,
                        (source, moved) -> notifier.requestMoved(source, move, moved)));
            }
            consumers.start(REQUEST_EVENTS, EventTypes.REQUEST_TOPIC, request);
        }
        if (topics.contains(EventTypes.STUDY_TOPIC)) {
            consumers.start(STUDY_EVENTS, EventTypes.STUDY_TOPIC, Map.of(
                    EventTypes.STUDY_LECTURE_ORDER_PLACED,
                    handle(LectureOrderPlacedV1.class, notifier::lectureOrderPlaced),
                    EventTypes.STUDY_LECTURE_ORDER_DECLINED,
                    handle(LectureOrderDeclinedV1.class, notifier::lectureOrderDeclined),
                    EventTypes.STUDY_LECTURE_ORDER_ACCEPTED,
                    handle(LectureOrderAcceptedV1.class, notifier::lectureOrderAccepted),
                    EventTypes.STUDY_REFLECTION_SUBMITTED,
                    handle(ReflectionSubmittedV1.class, notifier::reflectionSubmitted),
                    EventTypes.STUDY_REFLECTION_REVIEWED,
                    handle(ReflectionReviewedV1.class, notifier::reflectionReviewed)));
        }
        if (topics.contains(EventTypes.GRID_TOPIC)) {
            consumers.start(REGISTRATIONS, EventTypes.GRID_TOPIC, Map.of(
                    EventTypes.REGISTRATION_SUBMITTED,
                    handle(RegistrationSubmittedV1.class, notifier::registrationSubmitted),
                    EventTypes.REGISTRATION_REVIEWED,
                    handle(RegistrationReviewedV1.class, notifier::registrationReviewed)));
        }
    }

    private <T> EventHandler handle(Class<T> type, BiConsumer<Notifier.Source, T> effect) {
        return event -> effect.accept(source(event), consumers.codec().data(event, type));
    }

    private static Notifier.Source source(CloudEvent event) {
        return new Notifier.Source(UUID.fromString(event.id()), event.type());
    }
}
