-- bench/request/clean.sql — deletes bench tickets from request_service, with what hangs off them.
--   psql -d request_service -v pattern='bench-%' -f bench/request/clean.sql        (everything: bench/request/run --clean)
--   psql -d request_service -v pattern='bench-submit' -f bench/request/clean.sql   (what one run submitted)
-- :pattern is a LIKE pattern on reporter_id: seeded tickets are 'bench-seed-…', submitted ones 'bench-submit'.
begin;
create temporary table bench_doomed on commit drop as
select id from service_request where reporter_id like :'pattern';
delete from request_me_too where request_id in (select id from bench_doomed);
delete from request_comment where request_id in (select id from bench_doomed);
delete from request_transition where request_id in (select id from bench_doomed);
delete from service_request where id in (select id from bench_doomed);
delete from idempotency_key where scope like 'POST /api/v1/requests ' || :'pattern';
commit;
