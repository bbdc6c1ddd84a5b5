-- bench/study/explain.sql — ComplianceRepository.members for one bench organisation and one month, with literal
-- parameters (the services plan with plan_cache_mode = force_custom_plan, so the plan is the same).
--   psql -d study_service -v month=YYYY-MM -v org=bench-study-org -f bench/study/explain.sql
-- org: bench-study-org (committee, 10,000 members), bench-study-org-<g> (general branch, 1,000),
-- bench-study-org-<g>-<b> (branch, 100). The lecture and film kinds are SessionKind.isLecture / isFilm.
-- History: a per-member EXISTS on "person or subject" (63 s for the committee); then each part as a set built once
-- from the whole month of the district (~160 ms, a branch as much as the committee); now each part is read for the
-- subtree's members only, by person id and by subject, so PostgreSQL starts from whichever is smaller.
select org_path || '%' as org_like,
       (:'month' || '-01')::date as first_day,
       ((:'month' || '-01')::date + interval '1 month - 1 day')::date as last_day,
       ((:'month' || '-01')::timestamp at time zone 'Asia/Shanghai') as t_from,
       ((:'month' || '-01')::timestamp + interval '1 month') at time zone 'Asia/Shanghai' as t_to
from party_org_view where org_id = md5(:'org')::uuid \gset
explain (analyze, buffers)
with orgs as (select org_id from party_org_view where org_path like :'org_like'),
members as (
    select distinct on (m.person_id) m.person_id, m.person_name, m.subject, m.org_id
    from party_org_member_view m join orgs o on o.org_id = m.org_id
    where m.start_date <= :'last_day' and (m.end_date is null or m.end_date >= :'first_day')
    order by m.person_id, m.start_date desc),
took_part as (
    select m.person_id as member, s.kind from members m
    join session_attendance a on a.person_id = m.person_id
    join study_session s on s.id = a.session_id
    where a.status in ('PRESENT', 'LATE') and s.starts_at >= :'t_from' and s.starts_at < :'t_to'
    union all
    select m.person_id, s.kind from members m
    join session_attendance a on a.subject = m.subject
    join study_session s on s.id = a.session_id
    where a.status in ('PRESENT', 'LATE') and s.starts_at >= :'t_from' and s.starts_at < :'t_to'
      and not coalesce(a.person_id = m.person_id, false)),
lectured as (
    select e.person_id, e.subject from points_entry e join study_session s on s.id::text = e.source_id
    where e.activity = 'LECTURE' and e.reverses is null
      and not exists (select 1 from points_entry r where r.reverses = e.id)
      and s.starts_at >= :'t_from' and s.starts_at < :'t_to'),
practised as (
    select m.person_id as member from members m join practice_record p on p.person_id = m.person_id
    where p.reversed_at is null and p.credited_at >= :'t_from' and p.credited_at < :'t_to'
    union all
    select m.person_id from members m join practice_record p on p.subject = m.subject
    where p.reversed_at is null and p.credited_at >= :'t_from' and p.credited_at < :'t_to'
      and not coalesce(p.person_id = m.person_id, false))
select m.person_id, m.person_name, m.subject, m.org_id,
       coalesce(m.person_id in (select member from took_part where kind = any(cast('{MICRO_LECTURE,BENCH_CLASS,LECTURE_TOUR,HOME_DELIVERY,ONLINE}' as text[])))
             or m.person_id in (select person_id from lectured)
             or m.subject in (select subject from lectured), false),
       coalesce(m.person_id in (select member from took_part where kind = any(cast('{FILM_SCREENING}' as text[]))),
             false),
       coalesce(m.person_id in (select member from practised), false)
from members m;
