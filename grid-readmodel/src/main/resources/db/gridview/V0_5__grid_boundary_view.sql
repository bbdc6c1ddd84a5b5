-- Local copy of node boundaries for routing a location to its grid (request-service), fed by grid.events.
create table grid_boundary_view (
    node_id        uuid        primary key,
    geometry       text        not null,
    bbox           box         not null,
    version        bigint      not null,
    last_event_id  uuid        not null
);
create index grid_boundary_view_bbox_idx on grid_boundary_view using gist (bbox);
