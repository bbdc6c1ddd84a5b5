package cn.grid.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the envelope and its data travel together as one JSON
 * document, so any consumer (or a human with kcat) can read it without knowing our Kafka headers.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id          unique per event (UUID); consumers deduplicate on it
 * @param source      the producing service, e.g. {@code /grid-service}
 * @param type        reverse-DNS type with a version suffix, e.g. {@code cn.grid.grid.node.created.v1}
 * @param subject     the aggregate id; also the Kafka key, so events of one aggregate stay in order
 * @param time        when the change happened (RFC 3339 with offset)
 * @param datacontenttype always {@code application/json}
 * @param data        the typed payload as JSON
 * @param subjectsequence extension attribute: the event's place among all events of its subject (1, 2, 3, ... in
 *                    commit order, stamped by the outbox), so a consumer can tell a late or replayed event from a
 *                    newer one; null on events published before it existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        JsonNode data,
        Long subjectsequence) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** An event without a subject sequence (as published before issue 17). */
    public CloudEvent(String specversion, String id, String source, String type, String subject, OffsetDateTime time,
            String datacontenttype, JsonNode data) {
        this(specversion, id, source, type, subject, time, datacontenttype, data, null);
    }

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("unsupported CloudEvents specversion: " + specversion);
        }
        if (subjectsequence != null && subjectsequence < 1) {
            throw new IllegalArgumentException("subjectsequence must be positive: " + subjectsequence);
        }
    }
}
