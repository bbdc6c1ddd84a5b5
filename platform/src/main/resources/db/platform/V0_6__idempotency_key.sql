-- Idempotency-Key for writes from mobile clients: the first request with a key does the work and records
-- what it created, in the same transaction; a retry with the same key and body gets that back, never a
-- second effect. Keys are scoped per operation and caller.
create table idempotency_key (
    scope        text        not null,
    key          text        not null,
    fingerprint  text        not null,
    resource_id  text,
    created_at   timestamptz not null default now(),
    primary key (scope, key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);
