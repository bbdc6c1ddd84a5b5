package cn.grid.platform.events;

import cn.grid.contracts.events.IntegrationEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Wraps typed events into CloudEvents envelopes and reads them back. */
public final class CloudEventCodec {

    private final ObjectMapper mapper;

    public CloudEventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public CloudEvent wrap(String source, IntegrationEvent event, UUID id, OffsetDateTime time) {
        return wrap(source, event, id, time, null);
    }

    /** @param subjectSequence the event's number among its subject's events (see {@link CloudEvent}), or null */
    public CloudEvent wrap(String source, IntegrationEvent event, UUID id, OffsetDateTime time, Long subjectSequence) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, id.toString(), source, event.eventType(), event.aggregateId(),
                time.withOffsetSameInstant(ZoneOffset.UTC), "application/json", mapper.valueToTree(event),
                subjectSequence);
    }

    public String write(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + event.type(), e);
        }
    }

    /** Parses a structured-mode CloudEvent; throws {@link MalformedEventException} when it is not one. */
    public CloudEvent read(String json) {
        try {
            CloudEvent event = mapper.readValue(json, CloudEvent.class);
            if (event == null) {
                throw new MalformedEventException("empty event");
            }
            return event;
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof MalformedEventException m) {
                throw m;
            }
            throw new MalformedEventException("not a CloudEvents 1.0 structured JSON event: " + e.getMessage());
        }
    }

    /** The typed payload of an event. */
    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("data of " + event.type() + " is not a " + type.getSimpleName()
                    + ": " + e.getMessage());
        }
    }
}
