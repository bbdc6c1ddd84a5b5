-- Citizen request tickets (点单). The lifecycle beyond SUBMITTED arrives with the request-service issue.
create table service_request (
    id              uuid        primary key,
    type            text        not null check (type in ('PROBLEM_REPORT', 'SERVICE', 'MICRO_WISH', 'DISPUTE', 'CONSULTATION')),
    channel         text        not null check (channel in ('APP', 'HOTLINE', 'VISIT', 'GRID_PATROL')),
    title           text        not null,
    description     text,
    latitude        double precision check (latitude between -90 and 90),
    longitude       double precision check (longitude between -180 and 180),
    address         text,
    -- the grid the ticket was routed to, and that grid's path for subtree queries; null = community queue
    grid_node_id    uuid,
    grid_path       text,
    reporter_id     text        not null,
    status          text        not null,
    version         bigint      not null default 0,
    submitted_at    timestamptz not null,
    updated_at      timestamptz not null
);

create index service_request_grid_path_idx on service_request (grid_path text_pattern_ops, id);
create index service_request_reporter_idx on service_request (reporter_id, id);
