package cn.grid.notification.app;

import cn.grid.notification.domain.Notification;

/**
 * Where an open stream's events go: the HTTP connection of one client, seen from {@link NotificationStreams}. The
 * REST layer implements it over the response; calls never overlap for one outlet.
 */
public interface StreamOutlet {

    /** Queues one notification as an event whose id is its seq. */
    void send(Notification notification);

    /** Queues a comment line (the heartbeat): no event for the client, but bytes on the connection. */
    void comment(String text);

    /** How many events are queued and not yet handed to the connection; a stream reads more only below its batch. */
    long queued();

    /** Whether the client has gone away (the connection is closed). */
    boolean gone();

    /**
     * Registers what to call each time the queue has emptied: a stream that stopped reading because its client was
     * behind reads on from there.
     */
    void whenDrained(Runnable drained);

    /** Ends the response cleanly (the client reconnects with Last-Event-ID, to this instance or another). */
    void end();
}
