-- What the rules must remember of a ticket (issue 20): request.submitted names its reporter and title, the lifecycle
-- events that follow (accepted, resolved, closed, claimed ...) do not, and the citizen who reported it must be told
-- at each of those steps. Written by the request.events consumer when a ticket is submitted; never read by anyone
-- else. Rows stay as long as the tickets they describe may still move.
create table ticket_view (
    request_id        uuid        primary key,
    request_type      text,
    title             text        not null,
    reporter_subject  text,                  -- the reporter's login (a citizen, or a member's micro-wish)
    grid_node_id      uuid,                  -- null: the community queue
    submitted_at      timestamptz not null
);
