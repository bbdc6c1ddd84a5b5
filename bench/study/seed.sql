-- bench/study/seed.sql — the study-service compliance fixture, written straight into study_service (issue 5).
-- Idempotent: does nothing when the 10,000 bench members and 3,600 bench sessions are there; otherwise deletes
-- any partial seed (clean.sql) and writes it again. Run with psql -v ON_ERROR_STOP=1.
--
-- Ids are md5(<name>)::uuid, so the study bench (cn.grid.bench.study.BenchStudy) can name them without asking the database:
--   grid node          'bench-study-node'          grid_node_view, DISTRICT, code BENCH-STUDY, path '/<id>/'
--   committee          'bench-study-org'           PARTY_COMMITTEE                       (10,000 members below)
--   general branch g   'bench-study-org-<g>'       GENERAL_BRANCH, g = 0..9              (1,000 members below)
--   branch g-b         'bench-study-org-<g>-<b>'   BRANCH (GRID), b = 0..9, 100 in all   (100 members each)
--   member n           subject 'bench-study-<n>', person 'bench-study-p<n>', n = 0..9999, branch n / 100
--   session            'bench-study-s<branch>-<month>-<k>', k 0 MICRO_LECTURE, 1 BENCH_CLASS, 2 FILM_SCREENING
-- Months: the 12 calendar months before the current one (Asia/Shanghai, grid.time-zone's default), month 0 the
-- oldest. Every branch holds 3 sessions a month (3,600); each member of the branch has a mark at each of them
-- (360,000 rows): ~45 % PRESENT, ~5 % LATE, the rest ABSENT or EXCUSED, so ~70 % of members attend a lecture-type
-- session and ~50 % the film. PRESENT/LATE marks also carry their ATTENDANCE points_entry row, as the service
-- writes them. The micro-lecture's speaker (one member of the branch) has a LECTURE points_entry row. Practice:
-- each member has a practice_record in a month with probability ~1/2 (1 in 50 of them reversed).
-- Remove it all with bench/study/run --clean (clean.sql).

select (select count(*) from party_org_member_view where subject like 'bench-study-%') = 10000
   and (select count(*) from study_session where recorded_by = 'bench' and title like 'bench-study %') = 3600
       as seeded \gset
\if :seeded
\echo 'study bench: 10,000 members and 3,600 sessions found, not seeding again'
\else
\echo 'study bench: seeding 10,000 members x 12 months (about a minute on 2 cores) ...'
\ir clean.sql
begin;

create temporary table bench_node on commit drop as
select md5('bench-study-node')::uuid as id, '/' || md5('bench-study-node')::uuid || '/' as path;

insert into grid_node_view (id, parent_id, path, level, code, name, status, last_event_id)
select id, null, path, 'DISTRICT', 'BENCH-STUDY', '基准学习区 (bench-study)', 'ACTIVE', gen_random_uuid() from bench_node;

-- the organisation tree: committee → 10 general branches → 100 branches
create temporary table bench_org on commit drop as
select md5('bench-study-org')::uuid as id, null::uuid as parent_id, 'PARTY_COMMITTEE' as kind, null as branch_type,
       '基准党委' as name, -1 as g, -1 as b
union all
select md5('bench-study-org-' || g)::uuid, md5('bench-study-org')::uuid, 'GENERAL_BRANCH', null,
       '基准党总支' || g, g, -1
from generate_series(0, 9) g
union all
select md5('bench-study-org-' || g || '-' || b)::uuid, md5('bench-study-org-' || g)::uuid, 'BRANCH', 'GRID',
       '基准党支部' || g || '-' || b, g, b
from generate_series(0, 9) g, generate_series(0, 9) b;

insert into party_org_view (org_id, parent_id, org_path, kind, branch_type, name, grid_node_id, grid_path, status,
                            last_event_id)
select o.id, o.parent_id,
       case when o.g < 0 then '/' || o.id || '/'
            when o.b < 0 then '/' || md5('bench-study-org')::uuid || '/' || o.id || '/'
            else '/' || md5('bench-study-org')::uuid || '/' || md5('bench-study-org-' || o.g)::uuid || '/' || o.id || '/'
       end,
       o.kind, o.branch_type, o.name, n.id, n.path, 'ACTIVE', gen_random_uuid()
from bench_org o, bench_node n;

-- 10,000 members, 100 per branch; branch k = n / 100 is org 'bench-study-org-<k / 10>-<k % 10>'
create temporary table bench_member on commit drop as
select n, n / 100 as branch, md5('bench-study-org-' || (n / 100) / 10 || '-' || (n / 100) % 10)::uuid as org_id,
       md5('bench-study-p' || n)::uuid as person_id, '基准党员' || n as person_name, 'bench-study-' || n as subject
from generate_series(0, 9999) n;

insert into party_org_member_view (membership_id, org_id, person_id, person_name, subject, role, start_date, end_date,
                                   last_event_id)
select md5('bench-study-m' || n)::uuid, org_id, person_id, person_name, subject, 'MEMBER', date '2020-01-01', null,
       gen_random_uuid()
from bench_member;

-- the 12 calendar months before the current one, month 0 the oldest, as Asia/Shanghai instants
create temporary table bench_month on commit drop as
select m, (date_trunc('month', now() at time zone 'Asia/Shanghai') - make_interval(months => 12 - m))
              at time zone 'Asia/Shanghai' as starts
from generate_series(0, 11) m;

-- 3 sessions per branch per month: a micro-lecture (given by one of the branch's members), a bench class, a film
create temporary table bench_session on commit drop as
select md5('bench-study-s' || br || '-' || mo.m || '-' || k)::uuid as id, br, mo.m, k,
       (array['MICRO_LECTURE', 'BENCH_CLASS', 'FILM_SCREENING'])[1 + k] as kind,
       mo.starts + make_interval(days => 4 + 7 * k + br % 5, hours => 11) as starts_at,
       'bench-study-' || (br * 100 + (br * 7 + mo.m * 13) % 100) as speaker
from generate_series(0, 99) br, bench_month mo, generate_series(0, 2) k;

insert into study_session (id, kind, title, grid_node_id, grid_path, starts_at, duration_min, place, speaker,
                           recorded_by, version, created_at)
select s.id, s.kind, 'bench-study ' || (array['微党课', '板凳课堂', '红色电影'])[1 + s.k] || ' 支部' || s.br || ' 月' || s.m,
       n.id, n.path, s.starts_at, (array[30, 60, 120])[1 + s.k], '党群服务中心', case when s.k = 0 then s.speaker end,
       'bench', 0, s.starts_at - interval '3 days'
from bench_session s, bench_node n;

-- every member of the branch is marked at each of its sessions; u in [0, 1) from md5 of (session, member)
create temporary table bench_mark on commit drop as
select s.id as session_id, s.starts_at, mb.subject, mb.person_id, mb.person_name,
       case when u < 0.45 then 'PRESENT' when u < 0.50 then 'LATE' when u < 0.85 then 'ABSENT' else 'EXCUSED' end as status
from bench_session s
join bench_member mb on mb.branch = s.br
cross join lateral (select ('x' || substr(md5(s.id::text || mb.n), 1, 8))::bit(32)::bigint / 4294967296.0 as u) r;

insert into session_attendance (session_id, subject, person_id, person_name, status, recorded_by, recorded_at)
select session_id, subject, person_id, person_name, status, 'bench', starts_at + interval '2 hours'
from bench_mark;

insert into points_entry (id, person_id, subject, activity, points, source_id, reason, reverses, at)
select md5('bench-study-att' || session_id || subject)::uuid, person_id, subject, 'ATTENDANCE', 1, session_id::text,
       'bench', null, starts_at + interval '2 hours'
from bench_mark where status in ('PRESENT', 'LATE');

insert into points_entry (id, person_id, subject, activity, points, source_id, reason, reverses, at)
select md5('bench-study-lec' || s.id)::uuid, mb.person_id, mb.subject, 'LECTURE', 5, s.id::text, 'bench', null,
       s.starts_at + interval '2 hours'
from bench_session s join bench_member mb on mb.subject = s.speaker
where s.k = 0;

-- practice: about half the members each month, 1 in 50 reversed
insert into practice_record (request_id, subject, person_id, request_type, grid_node_id, grid_path, rating,
                             credited_at, reversed_at, reverse_reason)
select md5('bench-study-pr' || mb.n || '-' || mo.m)::uuid, mb.subject, mb.person_id, 'SERVICE', n.id, n.path, 5,
       mo.starts + make_interval(days => 1 + (mb.n + mo.m) % 27, hours => 9),
       case when r.u < 0.01 then mo.starts + make_interval(days => 28) end,
       case when r.u < 0.01 then 'bench: rating withdrawn' end
from bench_member mb
cross join bench_month mo
cross join bench_node n
cross join lateral (select ('x' || substr(md5('bench-study-pr' || mb.n || '-' || mo.m), 1, 8))::bit(32)::bigint
                           / 4294967296.0 as u) r
where r.u < 0.5;

commit;
vacuum analyze grid_node_view;
vacuum analyze party_org_view;
vacuum analyze party_org_member_view;
vacuum analyze study_session;
vacuum analyze session_attendance;
vacuum analyze points_entry;
vacuum analyze practice_record;
\endif
