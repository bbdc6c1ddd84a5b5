-- Webhooks for integrators (issue 20, docs/webhooks.md). Everything the sender needs is here, nothing only in a
-- process's memory: a delivery survives kill -9 of any instance, and several instances send side by side.

create table webhook_subscription (
    id                          uuid        primary key,
    url                         text        not null,
    event_types                 text[]      not null,   -- exact types, or prefix patterns "cn.grid.request.*"
    grid_node_id                uuid,                   -- null: every grid (and the events that name no grid)
    grid_path                   text,                   -- the node's materialized path when the subscription was saved
    description                 text,
    status                      text        not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
    -- whsec_<base64>; kept as is because every delivery is signed with it (HMAC needs the key itself)
    secret                      text        not null,
    previous_secret             text,                   -- still signed with until previous_secret_until (rotation)
    previous_secret_until       timestamptz,
    owner_subject               text        not null,   -- who created it; told when it is disabled
    owner_person_id             uuid,
    -- the order of its deliveries: taken by "update ... set last_seq = last_seq + 1 returning", so deliveries
    -- commit in seq order per subscription (the row stays locked until the event's transaction commits)
    last_seq                    bigint      not null default 0,
    -- the per-subscription lease: one sender (of any instance) at a time, so the head delivery is retried before
    -- the next one goes; an instance killed mid-send loses its lease when lease_until passes
    lease_owner                 text,
    lease_until                 timestamptz,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now(),
    disabled_at                 timestamptz,
    disabled_reason             text,
    version                     bigint      not null default 0
);
create index webhook_subscription_path_idx on webhook_subscription (grid_path text_pattern_ops);

create table webhook_delivery (
    id                  uuid        primary key,        -- the webhook-id header: the same on every retry and redelivery
    subscription_id     uuid        not null references webhook_subscription (id) on delete cascade,
    seq                 bigint      not null,           -- place in the subscription's order; a redelivery takes a new one
    event_id            uuid        not null,
    event_type          text        not null,
    event_time          timestamptz,
    payload             text        not null,           -- the CloudEvent, structured JSON, as sent
    status              text        not null default 'PENDING' check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts            integer     not null default 0, -- attempts of the current round (a redelivery starts a new round)
    next_attempt_at     timestamptz not null default now(),
    created_at          timestamptz not null default now(),
    last_attempt_at     timestamptz,
    last_response_code  integer,
    last_error          text,
    completed_at        timestamptz,
    redeliveries        integer     not null default 0,
    -- one delivery per event and subscription, however often the event is redelivered by Kafka
    unique (subscription_id, event_id),
    unique (subscription_id, seq)
);
-- the sender's question: the head (lowest seq) waiting delivery of each subscription
create index webhook_delivery_pending_idx on webhook_delivery (subscription_id, seq) where status = 'PENDING';
-- the log: newest first per subscription, by time
create index webhook_delivery_log_idx on webhook_delivery (subscription_id, created_at desc, id desc);
create index webhook_delivery_status_idx on webhook_delivery (status);

create table webhook_attempt (
    delivery_id     uuid        not null references webhook_delivery (id) on delete cascade,
    attempt_no      integer     not null,               -- 1, 2, 3 ... over all rounds of the delivery
    attempted_at    timestamptz not null,
    response_code   integer,                            -- null: no answer (refused, timed out, address refused)
    duration_ms     integer     not null,
    error           text,                               -- truncated
    primary key (delivery_id, attempt_no)
);
