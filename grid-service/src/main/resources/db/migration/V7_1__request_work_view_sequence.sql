-- The newest request.events "subjectsequence" applied to each ticket's row (issue 17): a late or replayed older
-- event (a status going backwards, the ticket moving back to a grid it left) leaves the row alone, so the open
-- work counted per node is the one of the ticket's newest state. Null for rows last changed by an event from
-- before the number existed; such events are applied as before.
alter table request_work_view add column last_sequence bigint;
