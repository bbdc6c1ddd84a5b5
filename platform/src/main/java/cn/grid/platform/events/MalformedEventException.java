package cn.grid.platform.events;

/** An event that can never be handled, whatever the retries: it goes to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
