-- Open work per grid node, fed by request.events: a node with open tickets cannot retire until they are
-- closed or dispatched elsewhere. Only what that check needs; tickets themselves belong to request-service.
create table request_work_view (
    request_id     uuid        primary key,
    grid_node_id   uuid,
    status         text        not null,
    last_event_id  uuid        not null,
    updated_at     timestamptz not null default now()
);
create index request_work_view_open_idx on request_work_view (grid_node_id)
    where status not in ('REJECTED', 'CLOSED', 'WITHDRAWN');
