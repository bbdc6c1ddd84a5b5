-- Local read model of the grid hierarchy, fed by grid.events (platform kit, for services that route or scope
-- by grid). Owned by the consuming service; grid-service's own tables are never read.
create table grid_node_view (
    id              uuid        primary key,
    parent_id       uuid,
    path            text        not null,
    level           text        not null,
    code            text        not null,
    name            text        not null,
    status          text        not null default 'ACTIVE',
    last_event_id   uuid        not null,
    updated_at      timestamptz not null default now()
);

create index grid_node_view_path_idx on grid_node_view (path text_pattern_ops);
