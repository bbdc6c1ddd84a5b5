-- W3C trace context of the request (or consumed event) that wrote the event: the relay sends it on as the Kafka
-- record header "traceparent" (a child of it: same trace id, new parent id). Null for events written outside
-- any trace; those go out without the header, as before.
alter table outbox_event add column traceparent text;
