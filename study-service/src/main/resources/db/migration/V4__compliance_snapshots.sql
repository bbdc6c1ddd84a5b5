-- 一课一片一实践: a closed month keeps what the report said when it was closed (later corrections to attendance
-- or practice do not change a closed month's figures).
create table compliance_snapshot (
    org_id     uuid        not null,
    month      text        not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    report     jsonb       not null,
    closed_by  text        not null,
    closed_at  timestamptz not null,
    primary key (org_id, month)
);

-- the report's joins: attendance by session, sessions by time, practice by time
create index study_session_starts_at_idx on study_session (starts_at);
create index practice_record_credited_at_idx on practice_record (credited_at) where reversed_at is null;
