-- Each person's inbox (issue 20). A recipient is who the rules addressed: 'person:<uuid>' for a person of the
-- grid registry, 'subject:<login subject>' for a login the registry does not know (a citizen). A caller reads
-- the notifications of their person and of their login subject.
--
-- Ordering: a notification's seq is its place in its recipient's inbox, taken from inbox.last_seq by
-- "update inbox set last_seq = last_seq + 1 ... returning". That row stays locked until the transaction commits,
-- so a recipient's notifications commit in seq order: a stream that has sent seq n never later finds an n−1 it
-- did not see (a global identity column would not give that: two writers commit in either order). seq is the
-- live stream's event id (Last-Event-ID) and the inbox's keyset.
create table inbox (
    recipient     text        primary key,
    last_seq      bigint      not null default 0,
    unread_count  integer     not null default 0 check (unread_count >= 0)
);

create table notification (
    recipient          text        not null references inbox (recipient),
    seq                bigint      not null,
    id                 uuid        not null unique,
    kind               text        not null,   -- what happened, from the recipient's side: request.dispatched ...
    title              text        not null,
    body               text,
    resource_type      text,                   -- what it is about: request, lecture-order, reflection, registration
    resource_id        text,
    grid_node_id       uuid,
    source_event_id    uuid        not null,   -- the CloudEvent that caused it
    source_event_type  text        not null,
    created_at         timestamptz not null default now(),
    read_at            timestamptz,
    primary key (recipient, seq)
);
-- an event redelivered or replayed tells nobody twice
create unique index notification_once_idx on notification (source_event_id, recipient, kind);
create index notification_kind_idx on notification (recipient, kind, seq);
-- retention deletes by age
create index notification_created_idx on notification (created_at);
