-- Subtree counts aggregate level, status and the household/resident counts of every node under a path.
-- Carrying those columns in the path index lets PostgreSQL answer from the index alone: a street's 10k
-- nodes counted in ~5 ms instead of a 28 ms table scan (bench/grid). It also serves every other prefix query.
create index grid_node_subtree_idx on grid_node (path text_pattern_ops) include (level, status, households, residents);
drop index grid_node_path_idx;
