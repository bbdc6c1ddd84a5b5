-- 点单式微党课: a branch orders an offered micro-lecture for a date; the speaker accepts (it becomes a
-- scheduled study_session) or declines.
create table study_lecture_order (
    id               uuid        primary key,
    material_id      uuid        not null references study_material (id),
    org_id           uuid        not null,
    speaker_subject  text        not null,
    wanted_at        timestamptz not null,
    place            text,
    status           text        not null check (status in ('REQUESTED', 'ACCEPTED', 'DECLINED')),
    decline_reason   text,
    session_id       uuid        references study_session (id),
    ordered_by       text        not null,
    decided_at       timestamptz,
    version          bigint      not null default 0,
    created_at       timestamptz not null
);
create index study_lecture_order_org_idx on study_lecture_order (org_id, id);
create index study_lecture_order_speaker_idx on study_lecture_order (speaker_subject, id);
create index study_lecture_order_material_idx on study_lecture_order (material_id);
