-- The W3C tracestate that goes with the row's traceparent (vendor entries of the trace, e.g. a sampler's): the
-- relay publishes the row in a child span of both and sends that span's context on as the Kafka record headers
-- "traceparent" and "tracestate". Null when the writer's trace had no tracestate, or for rows outside any trace.
alter table outbox_event add column tracestate text;
