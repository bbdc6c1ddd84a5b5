-- Work lists (issue 18): GET /api/v1/requests filtered by status, type, category, assignee, overdue and period,
-- sorted by submission, last change or deadline, keyset-paged on (sort key, id).
--
-- due_at: the deadline of the clock running now — 受理 while SUBMITTED, the earlier of 签收 and 办结 while
-- DISPATCHED, 办结 otherwise (for a finished ticket the resolution deadline it had; it is never null). Kept by
-- PostgreSQL from the columns the lifecycle and the SLA sweep already write, so no code path can forget it.
-- (Adding a stored generated column rewrites the table once: about 10-20 s per million tickets.)
alter table service_request add column due_at timestamptz generated always as (
    case status
        when 'SUBMITTED' then respond_due_at
        when 'DISPATCHED' then least(sign_due_at, resolve_due_at)
        else resolve_due_at
    end) stored;

-- A home screen's lists are the tickets still waiting for work (the statuses below; RESOLVED waits for the
-- citizen, the rest are finished): a small, hot part of the table. The partial indexes hold only those, so
-- they stay small however many closed tickets pile up; a query whose status filter is a subset of these
-- statuses (written as literals, see ServiceRequestRepository.page) may use them. Plans at 1,000,000 tickets:
-- docs/benchmarks.md, "work list".
-- a grid's open tickets by deadline (and -dueAt): an exact grid path, then the keyset order; also serves a
-- subtree's open tickets newest first (an index-only scan of the few open rows, then a top-N sort)
create index service_request_work_due_idx on service_request (grid_path text_pattern_ops, due_at, id)
    where status in ('SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'SIGNED', 'RETURNED', 'IN_PROGRESS', 'REOPENED');
-- a community's or street's open tickets by deadline: walk the deadlines in order and keep those under the
-- path, read from the index itself (grid_path included), so a big subtree finds its first page at once
create index service_request_work_due_any_idx on service_request (due_at, id) include (grid_path)
    where status in ('SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'SIGNED', 'RETURNED', 'IN_PROGRESS', 'REOPENED');
-- overdue=true, with or without a status filter (the marks sit on running clocks only)
create index service_request_overdue_idx on service_request (grid_path text_pattern_ops, due_at, id)
    where respond_overdue or sign_overdue or resolve_overdue;
-- assignee=: dispatched to a person or team, or taken by a person; a person's or team's tickets are few
create index service_request_dispatch_target_idx on service_request (dispatch_target_id, id)
    where dispatch_target_id is not null;
create index service_request_assignee_idx on service_request (assignee, id) where assignee is not null;
-- A category belongs to one type: without this the planner multiplies the two filters' selectivities, expects
-- ten times too few matches for type=&category= and walks the category's index over the whole table instead of
-- the grid's tickets newest first (0.5 s against 2 ms at 1,000,000 tickets).
create statistics service_request_type_category_stats (dependencies) on type, category_code from service_request;
analyze service_request;
