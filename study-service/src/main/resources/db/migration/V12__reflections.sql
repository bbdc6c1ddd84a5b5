-- 观后感/心得: a member's reflection on a session or a material, reviewed by an administrator over the
-- member's organisation: SUBMITTED -> APPROVED | RETURNED (with a note); RETURNED -> SUBMITTED on resubmission.
create table study_reflection (
    id              uuid        primary key,
    session_id      uuid        references study_session (id),
    material_id     uuid        references study_material (id),
    org_id          uuid        not null,
    member_subject  text        not null,
    person_id       uuid,
    text            text        not null check (length(text) <= 5000),
    state           text        not null check (state in ('SUBMITTED', 'APPROVED', 'RETURNED')),
    review_note     text,
    reviewed_by     text,
    reviewed_at     timestamptz,
    submitted_at    timestamptz not null,
    version         bigint      not null default 0,
    created_at      timestamptz not null,
    check ((session_id is null) <> (material_id is null))
);
-- one reflection per member and session or material: a returned one is resubmitted, not written twice
create unique index study_reflection_session_member_uq on study_reflection (session_id, member_subject)
    where session_id is not null;
create unique index study_reflection_material_member_uq on study_reflection (material_id, member_subject)
    where material_id is not null;
create index study_reflection_org_idx on study_reflection (org_id, id);
create index study_reflection_member_idx on study_reflection (member_subject, id);
