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
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("unsupported CloudEvents specversion: " + specversion);
        }
    }
}
