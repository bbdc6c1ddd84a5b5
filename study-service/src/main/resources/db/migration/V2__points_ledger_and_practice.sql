-- The points ledger (积分): configurable points per activity, and append-only entries — a credit for an
-- activity of a member, or a reversal (negative, naming the credit it reverses). A balance is a sum.
create table points_rule (
    activity     text        primary key check (activity in ('ATTENDANCE', 'LECTURE', 'REFLECTION', 'BOOK_FINISHED', 'PRACTICE')),
    points       integer     not null check (points between 0 and 1000),
    description  text        not null,
    version      bigint      not null default 0,
    updated_at   timestamptz not null default now()
);

insert into points_rule (activity, points, description) values
('ATTENDANCE', 1, '参加一次学习（到场或迟到）'),
('LECTURE', 5, '主讲一次微党课/宣讲（人人上讲台）'),
('REFLECTION', 2, '观后感/心得通过审核'),
('BOOK_FINISHED', 3, '读完一本必读书目'),
('PRACTICE', 5, '承接的群众点单办结并获满意评价（实践）');

create table points_entry (
    id           uuid        primary key,
    -- who: the member's person id where grid events made it known, and always the login subject
    person_id    uuid,
    subject      text        not null,
    activity     text        not null,
    points       integer     not null,
    -- what earned it: e.g. PRACTICE + the request id, ATTENDANCE + the session id
    source_id    text        not null,
    reason       text,
    -- a reversal names the credit it takes back (once)
    reverses     uuid        unique references points_entry (id),
    at           timestamptz not null
);
create index points_entry_subject_idx on points_entry (subject, at);
create index points_entry_person_idx on points_entry (person_id, at) where person_id is not null;
create index points_entry_source_idx on points_entry (activity, source_id, subject);

-- 实践: a citizen's ticket the member signed for, resolved and rated satisfied (from request.events)
create table practice_record (
    request_id    uuid        primary key,
    subject       text        not null,
    person_id     uuid,
    request_type  text        not null,
    grid_node_id  uuid,
    grid_path     text,
    rating        integer,
    credited_at   timestamptz not null,
    reversed_at   timestamptz,
    reverse_reason text
);
create index practice_record_subject_idx on practice_record (subject, credited_at);
