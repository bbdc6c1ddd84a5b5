-- The person registry and people's assignments to grid nodes, with full history.
create table person (
    id              uuid        primary key,
    name            text        not null,
    phone           text,
    address         text,
    -- the identity number is never stored whole: an HMAC for de-duplication and the last four for display
    id_number_hmac  text        unique,
    id_number_tail  text,
    home_node_id    uuid        not null references grid_node (id),
    home_path       text        not null,
    subject         text        unique,       -- login subject (sub claim) when the person uses the apps
    version         bigint      not null default 0,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index person_home_path_idx on person (home_path text_pattern_ops, id);

create table assignment (
    id                 uuid        primary key,
    person_id          uuid        not null references person (id),
    node_id            uuid        not null references grid_node (id),
    node_path          text        not null,
    role               text        not null,
    start_date         date        not null,
    end_date           date,
    work_organisation  text,        -- 双报到: the serving member's work unit, for residence registrations
    end_reason         text,
    version            bigint      not null default 0,
    created_at         timestamptz not null,
    check (end_date is null or end_date >= start_date)
);
create index assignment_node_idx on assignment (node_id, start_date);
create index assignment_path_idx on assignment (node_path text_pattern_ops, role);
create index assignment_person_idx on assignment (person_id, start_date);
