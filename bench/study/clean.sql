-- bench/study/clean.sql — deletes the study bench fixture (seed.sql) from study_service, with what hangs off it.
--   psql -d study_service -f bench/study/clean.sql        (bench/study/run --clean; seed.sql runs it before seeding)
-- Marks: grid node md5('bench-study-node') (code BENCH-STUDY), the organisations on it, subjects 'bench-study-%',
-- sessions on the bench node.
begin;
create temporary table bench_doomed_session on commit drop as
select id from study_session where grid_node_id = md5('bench-study-node')::uuid;
create temporary table bench_doomed_org on commit drop as
select org_id from party_org_view where grid_node_id = md5('bench-study-node')::uuid;
delete from attendance_change where session_id in (select id from bench_doomed_session);
delete from session_attendance where session_id in (select id from bench_doomed_session);
delete from study_reflection where session_id in (select id from bench_doomed_session)
                                or org_id in (select org_id from bench_doomed_org);
delete from study_lecture_order where session_id in (select id from bench_doomed_session)
                                   or org_id in (select org_id from bench_doomed_org);
delete from study_session where id in (select id from bench_doomed_session);
delete from points_entry where subject like 'bench-study-%' and reverses is not null;
delete from points_entry where subject like 'bench-study-%';
delete from practice_record where subject like 'bench-study-%';
delete from compliance_snapshot where org_id in (select org_id from bench_doomed_org);
delete from party_org_member_view where org_id in (select org_id from bench_doomed_org)
                                     or subject like 'bench-study-%';
delete from party_org_view where org_id in (select org_id from bench_doomed_org);
delete from grid_node_view where id = md5('bench-study-node')::uuid;
commit;
