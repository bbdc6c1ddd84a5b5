-- Party organisations: 党工委 → 党委/党总支 → 党支部 → 党小组 → 党员责任区, each linked to a grid node.
create table party_org (
    id            uuid        primary key,
    parent_id     uuid        references party_org (id),
    org_path      text        not null,   -- ids of the organisation tree, root first, like grid paths
    kind          text        not null,
    branch_type   text,
    name          text        not null,
    grid_node_id  uuid        not null references grid_node (id),
    grid_path     text        not null,
    status        text        not null default 'ACTIVE',
    version       bigint      not null default 0,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index party_org_parent_idx on party_org (parent_id, id);
create index party_org_grid_path_idx on party_org (grid_path text_pattern_ops, kind);
create index party_org_org_path_idx on party_org (org_path text_pattern_ops);

create table party_org_membership (
    id          uuid        primary key,
    org_id      uuid        not null references party_org (id),
    person_id   uuid        not null references person (id),
    role        text        not null,
    start_date  date        not null,
    end_date    date,
    version     bigint      not null default 0,
    created_at  timestamptz not null,
    check (end_date is null or end_date >= start_date)
);
create index party_org_membership_org_idx on party_org_membership (org_id, role);
create index party_org_membership_person_idx on party_org_membership (person_id);

-- Volunteer and service teams (志愿服务队, 宣讲队, 党员突击队, 党群服务队), linked to a grid node.
create table team (
    id            uuid        primary key,
    kind          text        not null,
    name          text        not null,
    grid_node_id  uuid        not null references grid_node (id),
    grid_path     text        not null,
    status        text        not null default 'ACTIVE',
    version       bigint      not null default 0,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index team_grid_path_idx on team (grid_path text_pattern_ops, kind);

create table team_member (
    id          uuid        primary key,
    team_id     uuid        not null references team (id),
    person_id   uuid        not null references person (id),
    role        text        not null,
    start_date  date        not null,
    end_date    date,
    created_at  timestamptz not null,
    check (end_date is null or end_date >= start_date)
);
create index team_member_team_idx on team_member (team_id);
