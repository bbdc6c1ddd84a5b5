package cn.grid.platform.consumer;

import cn.grid.platform.events.CloudEvent;

/** Applies one event's effect. Runs inside a transaction that also records the event as processed. */
@FunctionalInterface
public interface EventHandler {

    void handle(CloudEvent event);
}
