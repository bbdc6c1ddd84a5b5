package cn.grid.platform.outbox;

/** Kafka did not take an outbox batch; the rows stay unsent and the relay retries after a back-off. */
public class OutboxPublishException extends Exception {

    public OutboxPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
