package cn.grid.platform.outbox;

import cn.grid.contracts.events.IntegrationEvent;
import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.CloudEventCodec;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.tracing.EventTracing;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Appends an event to the outbox inside the caller's transaction: the state change and its event
 * commit together or not at all. The {@link OutboxRelayRunner} publishes it afterwards.
 *
 * <p>Each row also keeps the W3C trace context ({@code traceparent}, {@code tracestate}) of the work that wrote it:
 * the HTTP request's span, or the span of the event a consumer handles (null outside any trace). The relay, which
 * runs later on another thread, publishes the row in a child span of it and sends that span's context on as the
 * Kafka record's headers (see {@link EventTracing}).
 *
 * <p>Per-aggregate order: at commit, the database numbers each row among its aggregate's events (the envelope's
 * {@code subjectsequence}, written into the payload, and a new {@code seq}) under a lock on the aggregate's
 * counter, so an aggregate's events are numbered and queued in commit order (migration V0_8). The envelopes
 * returned here do not carry the number yet.
 */
@ApplicationScoped
public class OutboxWriter {

    /** Hibernate's {@code HibernateHints.HINT_NATIVE_SPACES}, by name: the kit stays on the JPA API. */
    private static final String NATIVE_QUERY_SPACES = "org.hibernate.query.native.spaces";
    private static final String OUTBOX_TABLE = "outbox_event";

    private final EntityManager entityManager;
    private final CloudEventCodec codec;
    private final String source;
    private final String topic;

    public OutboxWriter(EntityManager entityManager, ObjectMapper mapper,
            EventsConfig events) {
        this.entityManager = entityManager;
        this.codec = new CloudEventCodec(mapper);
        this.source = events.source();
        this.topic = events.topic();
    }

    /** Records the event; must run inside the transaction that makes the change it announces. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent append(IntegrationEvent event) {
        UUID id = Ids.newId();
        CloudEvent envelope = codec.wrap(source, event, id, OffsetDateTime.now());
        EventTracing.StoredContext trace = EventTracing.current();
        entityManager.createNativeQuery("""
                insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at, traceparent,
                                          tracestate)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id)
                .setParameter(2, topic)
                .setParameter(3, envelope.subject())
                .setParameter(4, envelope.type())
                .setParameter(5, codec.write(envelope))
                .setParameter(6, envelope.time())
                .setParameter(7, trace.traceparent())
                .setParameter(8, trace.tracestate())
                // Names the one table this statement touches. Without it Hibernate flushes every pending change of
                // the session before a native statement, so a batch that appends one event per loaded entity
                // dirty-checks the whole batch once per event (quadratic); the business changes still flush
                // before commit, in the same transaction.
                .setHint(NATIVE_QUERY_SPACES, OUTBOX_TABLE)
                .executeUpdate();
        return envelope;
    }

    /**
     * Records the events in one statement (a batch that announces a line each would otherwise cost a round trip
     * per line). Rows go in sorted by key, in list order within a key: the relay publishes each key's events in
     * that order, and the numbering at commit locks the keys in sorted order, so two batches over the same
     * aggregates cannot deadlock there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CloudEvent> appendAll(List<? extends IntegrationEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = OffsetDateTime.now();
        List<CloudEvent> envelopes = new ArrayList<>(events.size());
        String[] ids = new String[events.size()];
        String[] keys = new String[events.size()];
        String[] types = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            UUID id = Ids.newId();
            CloudEvent envelope = codec.wrap(source, events.get(i), id, now);
            envelopes.add(envelope);
            ids[i] = id.toString();
            keys[i] = envelope.subject();
            types[i] = envelope.type();
            payloads[i] = codec.write(envelope);
        }
        EventTracing.StoredContext trace = EventTracing.current();
        // seq (bigserial) is drawn row by row in the order of the sorted select: by key, then list order
        entityManager.createNativeQuery("""
                insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at, traceparent,
                                          tracestate)
                select cast(e.event_id as uuid), ?2, e.event_key, e.event_type, e.payload, ?6, cast(?7 as text),
                       cast(?8 as text)
                from unnest(cast(?1 as text[]), cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]))
                     with ordinality as e(event_id, event_key, event_type, payload, position)
                order by e.event_key, e.position""")
                .setParameter(1, ids)
                .setParameter(2, topic)
                .setParameter(3, keys)
                .setParameter(4, types)
                .setParameter(5, payloads)
                .setParameter(6, now)
                .setParameter(7, trace.traceparent())
                .setParameter(8, trace.tracestate())
                .setHint(NATIVE_QUERY_SPACES, OUTBOX_TABLE)
                .executeUpdate();
        return envelopes;
    }
}
