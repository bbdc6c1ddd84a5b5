-- bench/request/seed.sql — 1,000,000 request tickets in request-service's database, spread over the bench grid
-- tree (RequestBench setup: district BENCH-REQ → street S0 → communities C0..C9 → grids C<c>G0..C<c>G9, as known
-- in grid_node_view). Idempotent: does nothing when the 1,000,000 seeded tickets (reporter_id 'bench-seed-…')
-- are there; otherwise deletes any partial seed and writes them again. Run with psql -v ON_ERROR_STOP=1.
--
-- The tickets cover the last 365 days (one every ~31.5 s), with time-ordered ids (UUID v7 of submitted_at, as
-- the service makes them, so "newest first" = id desc); each goes to one of the 100 grids at random (~10,000 a
-- grid, ~100,000 a community, all 1,000,000 in the street), with coordinates inside that grid's lattice cell.
-- Older than 30 days: mostly CLOSED (some REJECTED, WITHDRAWN); the last 30 days: every open state (RESOLVED only
-- within the 7-day rating window, as the SLA sweep closes unrated tickets after it).
-- Reporters: 'bench-seed-citizen' has every 1,000th ticket (1,000), the rest spread over 49,999 others.
-- Work: each grid k has its worker, login 'bench-worker-<k>' (k = 0..99): tickets from DISPATCHED on were
-- dispatched to that login (PERSON) and, once signed, taken by it (assignee) — the worker's "assignee=me" list.
-- A seed from before the dispatch targets (no 'bench-worker-' dispatch) is deleted and written again.
-- Remove them with bench/request/run --clean (or clean.sql).

select count(*) = 1000000 and count(dispatch_target_id) > 0 as seeded from service_request
where reporter_id like 'bench-seed-%' \gset
\if :seeded
\echo 'request bench: 1,000,000 seeded tickets found, not seeding again'
\else
\echo 'request bench: seeding 1,000,000 tickets (a few minutes on 2 cores) ...'
begin;
delete from service_request where reporter_id like 'bench-seed-%';

create temporary table bench_grid on commit drop as
select g.id, g.path, substring(g.code from 'C([0-9])G')::int as c, substring(g.code from 'G([0-9])$')::int as g,
       substring(g.code from 'C([0-9])G')::int * 10 + substring(g.code from 'G([0-9])$')::int as k
from grid_node_view d
join grid_node_view g on g.path like d.path || '%' and g.level = 'GRID'
where d.level = 'DISTRICT' and d.code = 'BENCH-REQ' and d.parent_id is null;

do $$
begin
    if (select count(distinct k) from bench_grid) <> 100 then
        raise exception 'request bench: the 100 bench grids are not all in grid_node_view; run RequestBench setup first';
    end if;
end $$;

insert into service_request (id, type, channel, title, description, latitude, longitude, address, grid_node_id,
                             grid_path, reporter_id, status, version, submitted_at, updated_at, assignee, outcome,
                             rating, resolved_at, closed_at, category_code, sla_sign_minutes, sla_resolve_minutes,
                             respond_due_at, resolve_due_at, respond_overdue, resolve_overdue, responsible_node_id,
                             responsible_path, dispatch_target_type, dispatch_target_id, dispatch_target_name,
                             sign_due_at, sign_overdue)
select
    -- UUID v7: 48-bit unix milliseconds, version 7, 74 random bits (here from md5 of the row number)
    (lpad(to_hex((extract(epoch from t.at) * 1000)::bigint), 12, '0') || '7' || substr(t.h, 1, 3)
        || '8' || substr(t.h, 4, 15))::uuid,
    (array['PROBLEM_REPORT', 'PROBLEM_REPORT', 'PROBLEM_REPORT', 'PROBLEM_REPORT', 'SERVICE', 'SERVICE', 'SERVICE',
           'CONSULTATION', 'DISPUTE', 'MICRO_WISH'])[1 + t.r % 10],
    (array['APP', 'APP', 'APP', 'APP', 'APP', 'APP', 'APP', 'HOTLINE', 'VISIT', 'GRID_PATROL'])[1 + (t.r / 10) % 10],
    'bench-seed ' || (array['楼道灯不亮', '水管爆裂', '垃圾清运不及时', '路面坑洼', '邻里噪音纠纷', '独居老人需要助餐',
                            '疫苗接种预约', '下水道堵塞', '违章停车占道', '咨询低保申请'])[1 + (t.r / 100) % 10] || ' #' || t.i,
    '居民反映：' || (array['楼道里的灯坏了一周，晚上出入不便，请尽快维修。', '小区主干道水管破裂，水漫到了一楼。',
                         '垃圾桶已满两天无人清运，气味很大。', '路面有一处大坑，雨天积水，电动车易摔倒。',
                         '楼上夜间装修噪音扰民，协商未果。'])[1 + (t.r / 1000) % 5],
    25.56 + b.c * 0.02 + 0.0005 + (t.r % 9973) / 9973.0 * 0.019,
    103.70 + b.g * 0.025 + 0.0005 + ((t.r / 9973) % 9973) / 9973.0 * 0.024,
    '基准社区' || b.c || ' ' || (1 + t.r % 40) || ' 栋 ' || (1 + t.r % 6) || ' 单元',
    b.id,
    b.path,
    case when t.i % 1000 = 0 then 'bench-seed-citizen' else 'bench-seed-' || (1 + t.i % 49999) end,
    t.status,
    case t.status when 'SUBMITTED' then 0 when 'ACCEPTED' then 1 when 'REJECTED' then 1 when 'DISPATCHED' then 2
                  when 'WITHDRAWN' then 1 when 'SIGNED' then 3 when 'IN_PROGRESS' then 4 when 'RESOLVED' then 5 else 6 end,
    t.at,
    t.at + interval '1 hour' * (t.r % 72),
    case when t.status in ('SIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED') then 'bench-worker-' || b.k end,
    case when t.status in ('RESOLVED', 'CLOSED') then 'FIXED' end,
    case when t.status = 'CLOSED' then (3 + t.r % 3)::smallint end,
    case when t.status in ('RESOLVED', 'CLOSED') then t.at + interval '1 hour' * (t.r % 72) end,
    case when t.status = 'CLOSED' then t.at + interval '1 hour' * (t.r % 72) + interval '1 day' end,
    -- each type's general category and its limits (V5): answer in 4 h, sign in 8 h, resolve in 3 days (more for
    -- some types; the bench only needs plausible clocks). Clocks that ran out are marked already, as the SLA
    -- sweep would have done, so a freshly seeded database does not start with a sweep of 100k tickets.
    (array['problem-report-other', 'problem-report-other', 'problem-report-other', 'problem-report-other',
           'service-other', 'service-other', 'service-other', 'consultation-other', 'dispute-other',
           'micro-wish-other'])[1 + t.r % 10],
    480, 4320,
    t.at + interval '4 hours',
    t.at + interval '3 days',
    t.status = 'SUBMITTED' and t.at + interval '4 hours' < now(),
    t.status in ('ACCEPTED', 'DISPATCHED', 'SIGNED', 'IN_PROGRESS') and t.at + interval '3 days' < now(),
    b.id,
    b.path,
    case when t.status in ('DISPATCHED', 'SIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED') then 'PERSON' end,
    case when t.status in ('DISPATCHED', 'SIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED') then 'bench-worker-' || b.k end,
    case when t.status in ('DISPATCHED', 'SIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED') then '网格员 ' || b.k end,
    -- dispatched an hour after submission, 8 h to sign
    case when t.status in ('DISPATCHED', 'SIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED') then t.at + interval '9 hours' end,
    t.status = 'DISPATCHED' and t.at + interval '9 hours' < now()
from (
    select s.i, s.h, s.r, s.k, s.at,
           case when s.at < now() - interval '30 days'
                then (array['CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED',
                            'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'REJECTED', 'WITHDRAWN',
                            'CLOSED', 'CLOSED'])[1 + (s.r / 7) % 20]
                -- resolved more than 7 days ago (the rating window) would have been closed by the sweep
                when s.at < now() - interval '7 days' and (s.r / 7) % 10 = 5 then 'CLOSED'
                else (array['SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'SIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED',
                            'CLOSED', 'REJECTED', 'WITHDRAWN'])[1 + (s.r / 7) % 10]
           end as status
    from (
        select i, md5(i::text) as h, ('x' || substr(md5(i::text), 20, 8))::bit(32)::int & 2147483647 as r,
               (('x' || substr(md5(i::text), 1, 8))::bit(32)::int & 2147483647) % 100 as k,
               now() - interval '365 days' + interval '31.536 seconds' * i as at
        from generate_series(1, 1000000) as i
    ) s
) t
join bench_grid b on b.k = t.k;
commit;
-- vacuum too: a long-lived table has its visibility map and hint bits set; a fresh bulk load has not
vacuum (analyze) service_request;
\echo 'request bench: seeded'
\endif
