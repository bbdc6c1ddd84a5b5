-- Time limits (时限) per stage, overdue flags, escalation (督办/吹哨报到) and extensions.
-- The category's limits are copied onto the ticket when it is submitted: a later catalogue edit applies to
-- tickets submitted afterwards, never to a running clock.
alter table service_request
    add column sla_sign_minutes          integer,
    add column sla_resolve_minutes       integer,
    -- deadlines of the running stages: 受理/首次响应, 签收 (from each dispatch), 办结 (from submission or 重办)
    add column respond_due_at            timestamptz,
    add column sign_due_at               timestamptz,
    add column resolve_due_at            timestamptz,
    -- the sweeper's marks for the running stage (reset when a stage's clock starts again)
    add column respond_overdue           boolean not null default false,
    add column sign_overdue              boolean not null default false,
    add column resolve_overdue           boolean not null default false,
    -- how each stage ended, for the rates: first answered / last taken / resolved, and whether that was late
    add column responded_at              timestamptz,
    add column signed_at                 timestamptz,
    add column responded_late            boolean,
    add column signed_late               boolean,
    add column resolved_late             boolean,
    -- who answers for it: the routed grid, then each level it was escalated to
    add column responsible_node_id       uuid,
    add column responsible_path          text,
    add column escalation_level          integer not null default 0,
    add column auto_escalate             boolean not null default false,
    -- an extension of the resolution deadline, asked for and waiting for a decision
    add column extension_minutes         integer,
    add column extension_reason          text,
    add column extension_requested_by    text;

-- Tickets submitted before this migration take their category's limits from now on.
update service_request r set
    sla_sign_minutes = c.sign_within_minutes,
    sla_resolve_minutes = c.resolve_within_minutes,
    respond_due_at = r.submitted_at + make_interval(mins => c.respond_within_minutes),
    resolve_due_at = r.submitted_at + make_interval(mins => c.resolve_within_minutes),
    auto_escalate = c.auto_escalate,
    responsible_node_id = r.grid_node_id,
    responsible_path = r.grid_path
from request_category c where c.code = r.category_code;

alter table service_request
    alter column sla_sign_minutes set not null,
    alter column sla_resolve_minutes set not null,
    alter column respond_due_at set not null,
    alter column resolve_due_at set not null;

-- The sweeper looks for running clocks that passed their deadline and are not marked yet: each partial index
-- holds only the tickets in that stage, so the sweep stays cheap however many tickets are closed.
create index service_request_respond_due_idx on service_request (respond_due_at)
    where status = 'SUBMITTED' and not respond_overdue;
create index service_request_sign_due_idx on service_request (sign_due_at)
    where status = 'DISPATCHED' and not sign_overdue;
create index service_request_resolve_due_idx on service_request (resolve_due_at)
    where status in ('ACCEPTED', 'DISPATCHED', 'SIGNED', 'RETURNED', 'IN_PROGRESS', 'REOPENED') and not resolve_overdue;
-- 督办 queue: the open tickets escalated to a node
create index service_request_escalated_idx on service_request (responsible_node_id, id) where escalation_level > 0;
-- 微心愿 board: the accepted wishes waiting to be claimed
create index service_request_wish_board_idx on service_request (grid_path text_pattern_ops, id)
    where type = 'MICRO_WISH' and status = 'ACCEPTED';
-- resolved tickets waiting for a rating, for closing them when the rating window ends
create index service_request_unrated_idx on service_request (resolved_at) where status = 'RESOLVED';
