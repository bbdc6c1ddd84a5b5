-- Name search inside a subtree ("龙华" anywhere in the name): a trigram index serves ILIKE '%…%'.
create extension if not exists pg_trgm;
create index grid_node_name_trgm_idx on grid_node using gin (name gin_trgm_ops);
-- subtree listings filtered by level, in keyset (id) order
create index grid_node_level_path_idx on grid_node (level, path text_pattern_ops);
