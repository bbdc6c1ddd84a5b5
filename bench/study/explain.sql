-- bench/study/explain.sql — ComplianceRepository.members for the bench committee (10,000 members) and one month,
-- with literal parameters (the services plan with plan_cache_mode = force_custom_plan, so the plan is the same).
-- Each part is probed with IN (hashed subplans); the first version probed with a per-member EXISTS (63 s).
--   psql -d study_service -v month=YYYY-MM -f bench/study/explain.sql
-- The lecture and film kinds are SessionKind.isLecture / isFilm.
select '/' || md5('bench-study-org')::uuid || '/%' as org_like,
       (:'month' || '-01')::date as first_day,
       ((:'month' || '-01')::date + interval '1 month - 1 day')::date as last_day,
       ((:'month' || '-01')::timestamp at time zone 'Asia/Shanghai') as t_from,
       ((:'month' || '-01')::timestamp + interval '1 month') at time zone 'Asia/Shanghai' as t_to \gset
explain (analyze, buffers)
with orgs as (select org_id from party_org_view where org_path like :'org_like'),
members as (
    select distinct on (m.person_id) m.person_id, m.person_name, m.subject, m.org_id
    from party_org_member_view m join orgs o on o.org_id = m.org_id
    where m.start_date <= :'last_day' and (m.end_date is null or m.end_date >= :'first_day')
    order by m.person_id, m.start_date desc),
took_part as (
    select a.person_id, a.subject, s.kind from session_attendance a
    join study_session s on s.id = a.session_id
    where a.status in ('PRESENT', 'LATE') and s.starts_at >= :'t_from' and s.starts_at < :'t_to'),
lectured as (
    select e.person_id, e.subject from points_entry e join study_session s on s.id::text = e.source_id
    where e.activity = 'LECTURE' and e.reverses is null
      and not exists (select 1 from points_entry r where r.reverses = e.id)
      and s.starts_at >= :'t_from' and s.starts_at < :'t_to'),
practised as (
    select person_id, subject from practice_record
    where reversed_at is null and credited_at >= :'t_from' and credited_at < :'t_to')
select m.person_id, m.person_name, m.subject, m.org_id,
       coalesce(m.person_id in (select person_id from took_part where kind = any(cast('{MICRO_LECTURE,BENCH_CLASS,LECTURE_TOUR,HOME_DELIVERY,ONLINE}' as text[])))
             or m.subject in (select subject from took_part where kind = any(cast('{MICRO_LECTURE,BENCH_CLASS,LECTURE_TOUR,HOME_DELIVERY,ONLINE}' as text[])))
             or m.person_id in (select person_id from lectured) or m.subject in (select subject from lectured), false),
       coalesce(m.person_id in (select person_id from took_part where kind = any(cast('{FILM_SCREENING}' as text[])))
             or m.subject in (select subject from took_part where kind = any(cast('{FILM_SCREENING}' as text[]))), false),
       coalesce(m.person_id in (select person_id from practised) or m.subject in (select subject from practised), false)
from members m;
