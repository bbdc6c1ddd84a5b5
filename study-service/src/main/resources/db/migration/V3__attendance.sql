-- Attendance (签到), recorded in batches per session; every change of a recorded status is audited (who,
-- when, from what, why). Present and late earn ATTENDANCE points; absent and excused do not.
create table session_attendance (
    session_id    uuid        not null references study_session (id),
    subject       text        not null,
    person_id     uuid,
    person_name   text,
    status        text        not null check (status in ('PRESENT', 'LATE', 'ABSENT', 'EXCUSED')),
    recorded_by   text        not null,
    recorded_at   timestamptz not null,
    primary key (session_id, subject)
);
create index session_attendance_subject_idx on session_attendance (subject);
create index session_attendance_person_idx on session_attendance (person_id) where person_id is not null;

create table attendance_change (
    id            uuid        primary key,
    session_id    uuid        not null references study_session (id),
    subject       text        not null,
    from_status   text,
    to_status     text        not null,
    changed_by    text        not null,
    reason        text,
    at            timestamptz not null
);
create index attendance_change_session_idx on attendance_change (session_id, at);
