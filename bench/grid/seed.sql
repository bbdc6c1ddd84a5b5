-- Benchmark data for grid-service, written straight into its database (a fixture, not the demo loader):
-- 1 district, 10 streets, 1,000 communities, 10,000 grids, 90,000 responsibility areas = 101,011 nodes;
-- boundaries for the district, streets, communities and grids = 11,011 polygons on a 0.1° lattice over
-- lon 100..110, lat 20..30 (street s: lon 100+s..101+s; community c of it: lat 20+0.1c..+0.1; grid g: lon +0.1g).
-- Idempotent: does nothing when the BENCH district exists.
\set ON_ERROR_STOP on
do $$
begin
  if exists (select 1 from grid_node where parent_id is null and code = 'BENCH') then
    raise notice 'bench data already present';
    return;
  end if;

  create temp table d as select md5('bench-d')::uuid as id;
  insert into grid_node (id, parent_id, path, depth, level, code, name, status, households, residents, version, created_at, updated_at)
  select id, null, '/' || id || '/', 0, 'DISTRICT', 'BENCH', '基准测试区', 'ACTIVE', 1000000, 3000000, 0, now(), now() from d;

  create temp table s as select s, md5('bench-s' || s)::uuid as id from generate_series(0, 9) s;
  insert into grid_node select s.id, d.id, '/' || d.id || '/' || s.id || '/', 1, 'STREET', 'S' || s.s, '街道' || s.s, 'ACTIVE', 100000, 300000, 0, now(), now() from s, d;

  create temp table c as select s.s, c, md5('bench-c' || s.s || '-' || c)::uuid as id, s.id as parent from s, generate_series(0, 99) c;
  insert into grid_node select c.id, c.parent, '/' || d.id || '/' || c.parent || '/' || c.id || '/', 2, 'COMMUNITY', 'C' || c.c, '社区' || c.s || '-' || c.c, 'ACTIVE', 1000, 3000, 0, now(), now() from c, d;

  create temp table g as select c.s, c.c, g, md5('bench-g' || c.s || '-' || c.c || '-' || g)::uuid as id, c.id as parent from c, generate_series(0, 9) g;
  insert into grid_node select g.id, g.parent, '/' || d.id || '/' || s.id || '/' || g.parent || '/' || g.id || '/', 3, 'GRID', 'G' || g.g, '网格' || g.s || '-' || g.c || '-' || g.g, 'ACTIVE', 100, 300, 0, now(), now()
  from g join s on s.s = g.s, d;

  insert into grid_node select md5('bench-a' || g.id || '-' || a)::uuid, g.id, n.path || md5('bench-a' || g.id || '-' || a)::uuid || '/', 4, 'RESPONSIBILITY_AREA', 'A' || a, '责任区' || a, 'ACTIVE', 11, 33, 0, now(), now()
  from g join grid_node n on n.id = g.id, generate_series(0, 8) a;

  insert into grid_boundary (node_id, geometry, bbox, positions, version, updated_at)
  select id, '{"type":"Polygon","coordinates":[[[100,20],[110,20],[110,30],[100,30],[100,20]]]}', box(point(100, 20), point(110, 30)), 5, 0, now() from d;
  insert into grid_boundary select id, format('{"type":"Polygon","coordinates":[[[%s,20],[%s,20],[%s,30],[%s,30],[%s,20]]]}', 100 + s, 101 + s, 101 + s, 100 + s, 100 + s),
         box(point(100 + s, 20), point(101 + s, 30)), 5, 0, now() from s;
  insert into grid_boundary select id, format('{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}',
         100 + s, 20 + 0.1 * c, 101 + s, 20 + 0.1 * c, 101 + s, 20 + 0.1 * (c + 1), 100 + s, 20 + 0.1 * (c + 1), 100 + s, 20 + 0.1 * c),
         box(point(100 + s, 20 + 0.1 * c), point(101 + s, 20 + 0.1 * (c + 1))), 5, 0, now() from c;
  insert into grid_boundary select id, format('{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}',
         100 + s + 0.1 * g, 20 + 0.1 * c, 100 + s + 0.1 * (g + 1), 20 + 0.1 * c, 100 + s + 0.1 * (g + 1), 20 + 0.1 * (c + 1),
         100 + s + 0.1 * g, 20 + 0.1 * (c + 1), 100 + s + 0.1 * g, 20 + 0.1 * c),
         box(point(100 + s + 0.1 * g, 20 + 0.1 * c), point(100 + s + 0.1 * (g + 1), 20 + 0.1 * (c + 1))), 5, 0, now() from g;
end $$;
analyze grid_node;
analyze grid_boundary;
select count(*) as nodes from grid_node;
select count(*) as boundaries from grid_boundary;
