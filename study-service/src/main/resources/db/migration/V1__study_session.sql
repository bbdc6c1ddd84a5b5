-- Study-education sessions (微党课, 板凳课堂, 宣讲, 观影, 主题党日 ...). Attendance, materials, reflections,
-- points and the monthly compliance rule arrive with the study-service issue.
create table study_session (
    id            uuid        primary key,
    kind          text        not null check (kind in ('MICRO_LECTURE', 'BENCH_CLASS', 'LECTURE_TOUR', 'FILM_SCREENING',
                                                       'READING_CLUB', 'THEMED_PARTY_DAY', 'SITE_VISIT',
                                                       'HOME_DELIVERY', 'ONLINE')),
    title         text        not null,
    grid_node_id  uuid        not null,
    grid_path     text        not null,
    starts_at     timestamptz not null,
    duration_min  integer     check (duration_min > 0),
    place         text,
    speaker       text,
    recorded_by   text        not null,
    version       bigint      not null default 0,
    created_at    timestamptz not null
);

create index study_session_grid_path_idx on study_session (grid_path text_pattern_ops, id);
