-- The ticket lifecycle: who holds it, how it ended, how the citizen rated it, and every transition (audit).
alter table service_request
    add column dispatch_target_type text,
    add column dispatch_target_id   text,
    add column dispatch_target_name text,
    add column assignee             text,
    add column outcome              text,
    add column duplicate_of         uuid,
    add column resolution_notes     text,
    add column resolution_photos    text,
    add column rating               smallint check (rating between 1 and 5),
    add column rating_comment       text,
    add column resolved_at          timestamptz,
    add column closed_at            timestamptz;

alter table service_request drop constraint if exists service_request_status_check;

create table request_transition (
    id            uuid        primary key,
    request_id    uuid        not null references service_request (id),
    action        text        not null,
    from_status   text        not null,
    to_status     text        not null,
    actor         text        not null,
    reason        text,
    at            timestamptz not null
);
create index request_transition_request_idx on request_transition (request_id, at);
