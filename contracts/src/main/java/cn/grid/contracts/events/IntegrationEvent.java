package cn.grid.contracts.events;

/**
 * The typed payload of an event that leaves a service. Implementations are records named after what
 * happened, in the past tense, with a version suffix ({@code GridNodeCreatedV1}).
 */
public interface IntegrationEvent {

    /** The CloudEvents {@code type}, e.g. {@code cn.grid.grid.node.created.v1}. */
    String eventType();

    /** The aggregate the event is about; becomes the CloudEvents {@code subject} and the Kafka key. */
    String aggregateId();
}
