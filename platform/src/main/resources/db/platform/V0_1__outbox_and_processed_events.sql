-- Shared by every service (platform kit). Versions 0.x belong to the platform; a service's own migrations start at V1.

-- Transactional outbox: written in the same transaction as the state change it announces,
-- published to Kafka by the relay, which marks the row sent.
create table outbox_event (
    seq         bigserial   primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    event_key   text        not null,
    event_type  text        not null,
    payload     text        not null,           -- the CloudEvent, structured JSON, exactly as it goes on the wire
    created_at  timestamptz not null default now(),
    sent_at     timestamptz,
    attempts    integer     not null default 0,
    last_error  text
);

-- The relay only ever scans unsent rows in order; keep that scan tiny however large the table grows.
create index outbox_event_unsent_idx on outbox_event (seq) where sent_at is null;
create index outbox_event_sent_at_idx on outbox_event (sent_at) where sent_at is not null;

-- Wake the relay as soon as a transaction that wrote events commits (NOTIFY is delivered on commit).
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end;
$$;

create trigger outbox_event_inserted
    after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Idempotent consumer: one row per (consumer, event) written in the same transaction as the event's effect.
create table processed_event (
    consumer      text        not null,
    event_id      uuid        not null,
    event_type    text        not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
