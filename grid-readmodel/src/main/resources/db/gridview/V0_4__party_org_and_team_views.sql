-- Local read models of party organisations, their members, and teams, fed by grid.events.
create table party_org_view (
    org_id         uuid        primary key,
    parent_id      uuid,
    org_path       text        not null,
    kind           text        not null,
    branch_type    text,
    name           text        not null,
    grid_node_id   uuid        not null,
    grid_path      text        not null,
    status         text        not null default 'ACTIVE',
    last_event_id  uuid        not null,
    updated_at     timestamptz not null default now()
);
create index party_org_view_grid_path_idx on party_org_view (grid_path text_pattern_ops);

create table party_org_member_view (
    membership_id  uuid        primary key,
    org_id         uuid        not null,
    person_id      uuid        not null,
    person_name    text,
    subject        text,
    role           text        not null,
    start_date     date        not null,
    end_date       date,
    last_event_id  uuid        not null
);
create index party_org_member_view_org_idx on party_org_member_view (org_id);

create table team_view (
    team_id        uuid        primary key,
    kind           text        not null,
    name           text        not null,
    grid_node_id   uuid        not null,
    grid_path      text        not null,
    status         text        not null,
    version        bigint      not null,
    members        jsonb       not null,   -- [{personId, personName, subject, role}], the active members
    last_event_id  uuid        not null
);
create index team_view_grid_path_idx on team_view (grid_path text_pattern_ops);
