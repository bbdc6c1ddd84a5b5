-- The materials catalogue (必读书目, 教育片, 微党课, articles), study plans per party organisation and year
-- (重点题目, required books, targets) and each member's reading progress on a plan's books.
create table study_material (
    id               uuid        primary key,
    kind             text        not null check (kind in ('BOOK', 'FILM', 'MICRO_LECTURE', 'ARTICLE')),
    title            text        not null,
    author           text,
    -- 微党课 offered for ordering (点单式): the speaker's token subject, who accepts or declines orders
    speaker_subject  text,
    offered          boolean     not null default false,
    duration_min     integer     check (duration_min > 0),
    description      text,
    url              text,
    -- the grid the editor's token was bound to ('/' for an unbound district administrator): who may edit it
    owner_grid_path  text        not null,
    created_by       text        not null,
    version          bigint      not null default 0,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    check (not offered or (kind = 'MICRO_LECTURE' and speaker_subject is not null))
);
create index study_material_kind_idx on study_material (kind, id);
create index study_material_speaker_idx on study_material (speaker_subject) where speaker_subject is not null;

create table study_material_tag (
    material_id  uuid not null references study_material (id) on delete cascade,
    tag          text not null,
    primary key (material_id, tag)
);
create index study_material_tag_tag_idx on study_material_tag (tag, material_id);

create table study_plan (
    id                  uuid        primary key,
    org_id              uuid        not null,
    year                integer     not null check (year between 2000 and 2100),
    title               text        not null,
    sessions_per_month  integer     check (sessions_per_month between 0 and 31),
    coverage_percent    integer     check (coverage_percent between 0 and 100),
    created_by          text        not null,
    version             bigint      not null default 0,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    -- one plan per organisation and year
    unique (org_id, year)
);

create table study_plan_topic (
    plan_id   uuid    not null references study_plan (id) on delete cascade,
    position  integer not null,
    topic     text    not null,
    primary key (plan_id, position)
);

create table study_plan_book (
    plan_id      uuid    not null references study_plan (id) on delete cascade,
    position     integer not null,
    material_id  uuid    not null references study_material (id),
    primary key (plan_id, position)
);

create table study_reading_progress (
    plan_id         uuid        not null references study_plan (id) on delete cascade,
    material_id     uuid        not null references study_material (id),
    member_subject  text        not null,
    pages_read      integer     check (pages_read >= 0),
    percent         integer     check (percent between 0 and 100),
    finished        boolean     not null default false,
    version         bigint      not null default 0,
    updated_at      timestamptz not null,
    primary key (plan_id, material_id, member_subject)
);
