-- The grid hierarchy: district (区/县) → street/town (街道/镇/乡) → community/village (社区/村) → grid (网格)
-- → responsibility area (小区/村民小组/楼栋/党员责任区).
create table grid_node (
    id          uuid        primary key,
    parent_id   uuid        references grid_node (id),
    -- materialized path of ids, root first, this node last: '/<root>/.../<id>/'. Subtree = prefix match.
    path        text        not null,
    depth       smallint    not null,
    level       text        not null check (level in ('DISTRICT', 'STREET', 'COMMUNITY', 'GRID', 'RESPONSIBILITY_AREA')),
    code        text        not null,
    name        text        not null,
    status      text        not null default 'ACTIVE' check (status in ('ACTIVE', 'RETIRED')),
    households  integer     check (households >= 0),
    residents   integer     check (residents >= 0),
    version     bigint      not null default 0,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- code is unique among siblings (and among roots)
create unique index grid_node_sibling_code_uq on grid_node (parent_id, code) where parent_id is not null;
create unique index grid_node_root_code_uq on grid_node (code) where parent_id is null;
-- children listing in keyset order
create index grid_node_parent_idx on grid_node (parent_id, id);
-- subtree queries: path like '/root/street/%'
create index grid_node_path_idx on grid_node (path text_pattern_ops);
