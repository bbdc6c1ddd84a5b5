-- A GeoJSON Polygon/MultiPolygon per node; the bounding box (GiST-indexed) narrows `locate` to a few candidates
-- before the exact point-in-polygon test.
create table grid_boundary (
    node_id     uuid        primary key references grid_node (id),
    geometry    text        not null,
    bbox        box         not null,
    positions   integer     not null,
    version     bigint      not null default 0,
    updated_at  timestamptz not null
);
create index grid_boundary_bbox_idx on grid_boundary using gist (bbox);
