-- Who a session was for and who lectured, by login: the organisation it was held by, the speaker's subject
-- (人人上讲台: LECTURE points), the materials used (the film shown, the book read), and the audience beyond the
-- members marked in attendance (群众, non-members), as a count.
alter table study_session
    add column org_id               uuid,
    add column speaker_subject      text,
    add column non_member_audience  integer check (non_member_audience >= 0);

create table study_session_material (
    session_id   uuid not null references study_session (id),
    material_id  uuid not null references study_material (id),
    primary key (session_id, material_id)
);
create index study_session_org_idx on study_session (org_id) where org_id is not null;
