package cn.grid.platform.outbox;

import cn.grid.platform.events.CloudEvent;
import cn.grid.platform.events.CloudEventCodec;
import cn.grid.platform.events.IntegrationEvent;
import cn.grid.platform.ids.Ids;
import cn.grid.platform.tracing.CurrentTrace;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Appends an event to the outbox inside the caller's transaction: the state change and its event
 * commit together or not at all. The {@link OutboxRelayRunner} publishes it afterwards.
 *
 * <p>Each row also keeps the W3C {@code traceparent} of the work that wrote it (the HTTP request, or the event a
 * consumer handles; null outside any trace), which the relay sends on as a Kafka header.
 *
 * <p>Per-aggregate order: before its row, an event takes the next number of its subject (the aggregate id, also
 * the Kafka key) from {@code outbox_subject_sequence} and carries it as the envelope's {@code subjectsequence}.
 * That upsert row-locks the subject until commit, so a second transaction with an event of the same aggregate
 * waits there: the aggregate's numbers and outbox {@code seq}s are in commit order, which is the order the relay
 * publishes them in (see {@link OutboxRelay}) and the order consumers check. A batch takes its subjects' locks in
 * sorted order, so two batches over the same aggregates cannot deadlock on them.
 */
@ApplicationScoped
public class OutboxWriter {

    /** Hibernate's {@code HibernateHints.HINT_NATIVE_SPACES}, by name: the kit stays on the JPA API. */
    private static final String NATIVE_QUERY_SPACES = "org.hibernate.query.native.spaces";
    private static final String OUTBOX_TABLE = "outbox_event";
    private static final String SEQUENCE_TABLE = "outbox_subject_sequence";

    /** Takes the next number of the subject (and its row lock until commit); returns it. */
    static final String NEXT_SEQUENCE = """
            insert into outbox_subject_sequence as s (event_key, last_sequence) values (?, 1)
            on conflict (event_key) do update set last_sequence = s.last_sequence + 1
            returning last_sequence""";

    /**
     * Takes {@code counts[i]} numbers for each of the distinct subjects {@code keys[i]} at once, locking them in
     * sorted order (no deadlock between two batches over the same subjects); returns each subject's last number.
     */
    static final String NEXT_SEQUENCES = """
            insert into outbox_subject_sequence as s (event_key, last_sequence)
            select k.event_key, k.n from unnest(cast(? as text[]), cast(cast(? as text[]) as bigint[])) as k(event_key, n)
            order by k.event_key
            on conflict (event_key) do update set last_sequence = s.last_sequence + excluded.last_sequence
            returning event_key, last_sequence""";

    private final EntityManager entityManager;
    private final CloudEventCodec codec;
    private final String source;
    private final String topic;
    private final CurrentTrace trace;

    public OutboxWriter(EntityManager entityManager, ObjectMapper mapper,
            @ConfigProperty(name = "grid.events.source") String source,
            @ConfigProperty(name = "grid.events.topic") String topic, CurrentTrace trace) {
        this.entityManager = entityManager;
        this.trace = trace;
        this.codec = new CloudEventCodec(mapper);
        this.source = source;
        this.topic = topic;
    }

    /** Records the event; must run inside the transaction that makes the change it announces. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent append(IntegrationEvent event) {
        UUID id = Ids.newId();
        Long sequence = event.aggregateId() == null ? null : ((Number) entityManager.createNativeQuery(NEXT_SEQUENCE)
                .setParameter(1, event.aggregateId())
                .setHint(NATIVE_QUERY_SPACES, SEQUENCE_TABLE)
                .getSingleResult()).longValue();
        CloudEvent envelope = codec.wrap(source, event, id, OffsetDateTime.now(), sequence);
        entityManager.createNativeQuery("""
                insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at, traceparent)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, id)
                .setParameter(2, topic)
                .setParameter(3, envelope.subject())
                .setParameter(4, envelope.type())
                .setParameter(5, codec.write(envelope))
                .setParameter(6, envelope.time())
                .setParameter(7, CurrentTrace.ofCurrentWork(trace))
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
     * per line), in list order: the relay publishes them in that order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CloudEvent> appendAll(List<? extends IntegrationEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = OffsetDateTime.now();
        Map<String, Long> next = nextSequences(events);
        List<CloudEvent> envelopes = new ArrayList<>(events.size());
        String[] ids = new String[events.size()];
        String[] keys = new String[events.size()];
        String[] types = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            UUID id = Ids.newId();
            String key = events.get(i).aggregateId();
            // list order within the batch: the subject's numbers are handed out first to last
            Long sequence = key == null ? null : next.merge(key, 1L, Long::sum) - 1;
            CloudEvent envelope = codec.wrap(source, events.get(i), id, now, sequence);
            envelopes.add(envelope);
            ids[i] = id.toString();
            keys[i] = envelope.subject();
            types[i] = envelope.type();
            payloads[i] = codec.write(envelope);
        }
        // seq (bigserial) is drawn row by row in the order of the sorted select, i.e. list order
        entityManager.createNativeQuery("""
                insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at, traceparent)
                select cast(e.event_id as uuid), ?2, e.event_key, e.event_type, e.payload, ?6, cast(?7 as text)
                from unnest(cast(?1 as text[]), cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]))
                     with ordinality as e(event_id, event_key, event_type, payload, position)
                order by e.position""")
                .setParameter(1, ids)
                .setParameter(2, topic)
                .setParameter(3, keys)
                .setParameter(4, types)
                .setParameter(5, payloads)
                .setParameter(6, now)
                .setParameter(7, CurrentTrace.ofCurrentWork(trace))
                .setHint(NATIVE_QUERY_SPACES, OUTBOX_TABLE)
                .executeUpdate();
        return envelopes;
    }

    /** For each subject in the batch, the first of the numbers it takes (the batch then counts on from there). */
    private Map<String, Long> nextSequences(List<? extends IntegrationEvent> events) {
        Map<String, Long> counts = new TreeMap<>();
        for (IntegrationEvent event : events) {
            if (event.aggregateId() != null) {
                counts.merge(event.aggregateId(), 1L, Long::sum);
            }
        }
        Map<String, Long> first = new HashMap<>();
        if (counts.isEmpty()) {
            return first;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(NEXT_SEQUENCES)
                .setParameter(1, counts.keySet().toArray(String[]::new))
                .setParameter(2, counts.values().stream().map(String::valueOf).toArray(String[]::new))
                .setHint(NATIVE_QUERY_SPACES, SEQUENCE_TABLE)
                .getResultList();
        for (Object[] row : rows) {
            String key = (String) row[0];
            first.put(key, ((Number) row[1]).longValue() - counts.get(key) + 1);
        }
        return first;
    }
}
