-- The newest CloudEvents "subjectsequence" applied to each read-model row (issue 17): an event with a lower number
-- (late, or replayed) leaves the row alone. Null until the first numbered event; events published before the
-- number existed carry none and are applied as before.
alter table grid_node_view add column last_sequence bigint;
alter table grid_assignment_view add column last_sequence bigint;
alter table party_org_view add column last_sequence bigint;
alter table party_org_member_view add column last_sequence bigint;
