package cn.grid.study.messaging;

import cn.grid.contracts.events.request.RequestTransitionedV1;
import cn.grid.platform.consumer.EventConsumers;
import cn.grid.platform.consumer.EventHandler;
import cn.grid.platform.ordering.SubjectSequences;
import cn.grid.study.app.PracticeService;
import cn.grid.study.config.StudyServiceConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/**
 * request.events → practice and points (consumer group {@code study-service.request-events}): {@code rated}
 * credits or takes back, {@code reopened} takes back. Other moves are not study's business.
 *
 * <p>Credit and reversal follow the ticket's newest state: an event older (by {@code subjectsequence}) than one
 * already applied for the ticket — a rating arriving late or replayed after a redo — is skipped, else it would
 * credit again what the redo took back.
 */
@ApplicationScoped
public class RequestEventsConsumer {

    private static final String CONSUMER = "study-service.request-events";

    private final EventConsumers consumers;
    private final PracticeService practice;
    private final SubjectSequences sequences;
    private final boolean enabled;
    private final String topic;

    public RequestEventsConsumer(EventConsumers consumers, PracticeService practice, SubjectSequences sequences,
            StudyServiceConfig config) {
        this.consumers = consumers;
        this.practice = practice;
        this.sequences = sequences;
        this.enabled = config.practice().enabled();
        this.topic = config.practice().topic();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        EventHandler rated = e -> {
            RequestTransitionedV1 data = consumers.codec().data(e, RequestTransitionedV1.class);
            if (sequences.advance(CONSUMER, e)) {
                practice.rated(data);
            }
        };
        EventHandler reopened = e -> {
            RequestTransitionedV1 data = consumers.codec().data(e, RequestTransitionedV1.class);
            if (sequences.advance(CONSUMER, e)) {
                practice.reopened(data);
            }
        };
        consumers.start(CONSUMER, topic, Map.of(
                RequestTransitionedV1.typeOf("rated"), rated,
                RequestTransitionedV1.typeOf("reopened"), reopened));
    }
}
