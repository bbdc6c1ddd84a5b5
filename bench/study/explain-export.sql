-- bench/study/explain-export.sql — LearningRecordRepository.summaries (GET /api/v1/study/orgs/{orgId}/records) for
-- one bench organisation over the 12 bench months, with literal parameters (as the service plans it).
--   psql -d study_service -v from=YYYY-MM-DD -v to=YYYY-MM-DD -v org=bench-study-org -f bench/study/explain-export.sql
-- (to is the last day included.) History: nine correlated subqueries per member on "person or subject" (80 s for
-- the committee); now each table is read once for all members, by person id and by subject, then joined.
select org_path || '%' as org_like,
       (now() at time zone 'Asia/Shanghai')::date as today,
       (:'from'::date::timestamp at time zone 'Asia/Shanghai') as t_from,
       ((:'to'::date + 1)::timestamp at time zone 'Asia/Shanghai') as t_to
from party_org_view where org_id = md5(:'org')::uuid \gset
explain (analyze, buffers)
with members as (
    select distinct on (m.person_id) m.person_id, m.person_name, m.subject
    from party_org_member_view m join party_org_view o on o.org_id = m.org_id
    where o.org_path like :'org_like' and m.start_date <= :'today' and (m.end_date is null or m.end_date >= :'today')
    order by m.person_id, m.start_date desc),
attended as (
    select m.person_id as member, a.session_id
    from members m join session_attendance a on a.person_id = m.person_id
    where a.status in ('PRESENT', 'LATE')
    union all
    select m.person_id, a.session_id
    from members m join session_attendance a on a.subject = m.subject
    where a.status in ('PRESENT', 'LATE') and not coalesce(a.person_id = m.person_id, false)),
sessions as (
    select t.member, count(*) as attended,
           count(*) filter (where s.kind = any(cast('{MICRO_LECTURE,BENCH_CLASS,LECTURE_TOUR,HOME_DELIVERY,ONLINE}' as text[]))) as lecture,
           count(*) filter (where s.kind = 'FILM_SCREENING') as film
    from attended t join study_session s on s.id = t.session_id
    where s.starts_at >= :'t_from' and s.starts_at < :'t_to'
    group by t.member),
entries as (
    select m.person_id as member, e.id, e.activity, e.points, e.reverses, e.at
    from members m join points_entry e on e.person_id = m.person_id
    union all
    select m.person_id, e.id, e.activity, e.points, e.reverses, e.at
    from members m join points_entry e on e.subject = m.subject
    where not coalesce(e.person_id = m.person_id, false)),
points as (
    select t.member, sum(t.points) as balance,
           coalesce(sum(t.points) filter (where t.at >= :'t_from' and t.at < :'t_to'), 0) as in_period
    from entries t group by t.member),
lectures as (
    select t.member, count(*) as given from entries t
    where t.activity = 'LECTURE' and t.reverses is null and t.at >= :'t_from' and t.at < :'t_to'
      and not exists (select 1 from points_entry r where r.reverses = t.id)
    group by t.member),
practice as (
    select t.member, count(*) as practice from (
        select m.person_id as member
        from members m join practice_record p on p.person_id = m.person_id
        where p.reversed_at is null and p.credited_at >= :'t_from' and p.credited_at < :'t_to'
        union all
        select m.person_id
        from members m join practice_record p on p.subject = m.subject
        where p.reversed_at is null and p.credited_at >= :'t_from' and p.credited_at < :'t_to'
          and not coalesce(p.person_id = m.person_id, false)) t
    group by t.member),
reflections as (
    select m.person_id as member, count(*) as approved
    from members m join study_reflection r on r.member_subject = m.subject
    where r.state = 'APPROVED' and r.reviewed_at >= :'t_from' and r.reviewed_at < :'t_to'
    group by m.person_id),
books as (
    select m.person_id as member, count(distinct g.material_id) as finished
    from members m join study_reading_progress g on g.member_subject = m.subject
    where g.finished and g.updated_at >= :'t_from' and g.updated_at < :'t_to'
    group by m.person_id)
select m.person_id, m.person_name, m.subject, coalesce(s.attended, 0), coalesce(s.lecture, 0),
       coalesce(s.film, 0), coalesce(l.given, 0), coalesce(x.practice, 0),
       coalesce(r.approved, 0), coalesce(b.finished, 0), coalesce(p.in_period, 0),
       coalesce(p.balance, 0)
from members m
left join sessions s on s.member = m.person_id
left join points p on p.member = m.person_id
left join lectures l on l.member = m.person_id
left join practice x on x.member = m.person_id
left join reflections r on r.member = m.person_id
left join books b on b.member = m.person_id
order by m.person_name, m.person_id;
