-- A member is matched by person id, or by login subject where grid events had not named the person yet. The
-- reports split that "person_id = … or subject = …" into two joins (one per column), so each needs an index that
-- leads with its column; the attendance batch looks up every line's person by subject in one query.

-- export and compliance: attendance by person / by subject, with what the joins read (index-only scans), in
-- place of the single-column indexes of V3 (the member's record still probes them by their first column) ...
create index session_attendance_person_session_idx on session_attendance (person_id, session_id) include (status)
    where person_id is not null;
create index session_attendance_subject_session_idx on session_attendance (subject, session_id)
    include (status, person_id);
drop index session_attendance_person_idx;
drop index session_attendance_subject_idx;
-- ... and by session, for a report over many members, which starts from the month's sessions instead: the
-- primary key carries what that pass reads (about 15,000 index entries for a month of 10,000 members)
alter table session_attendance drop constraint session_attendance_pkey,
    add constraint session_attendance_pkey primary key (session_id, subject) include (status, person_id);

-- practice by person (by subject: practice_record_subject_idx of V2)
create index practice_record_person_idx on practice_record (person_id, credited_at) where person_id is not null;

-- books finished per member (the primary key leads with the plan)
create index study_reading_progress_member_idx on study_reading_progress (member_subject, material_id);

-- who a login subject is (MemberDirectory.personsOf): the membership read model had no index on subject
create index party_org_member_view_subject_idx on party_org_member_view (subject) where subject is not null;
