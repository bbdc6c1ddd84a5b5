-- Dispatch names a person or a team of the registry by id (issue 18). Tickets dispatched before to a login string
-- keep dispatch_target_id = that login and dispatch_person_id null: they are read and signed as before (the login
-- itself must sign), nothing is rewritten. The signer's person is kept beside the login to show the ticket by name.
alter table service_request
    add column dispatch_person_id uuid,
    add column dispatch_team_id   uuid,
    add column assignee_person_id uuid,
    add column assignee_name      text;

-- the work list: tickets waiting for a person, for a team
create index service_request_dispatch_person_idx on service_request (dispatch_person_id, status)
    where dispatch_person_id is not null;
create index service_request_dispatch_team_idx on service_request (dispatch_team_id, status)
    where dispatch_team_id is not null;
create index service_request_assignee_person_idx on service_request (assignee_person_id, status)
    where assignee_person_id is not null;

-- a team was always named by its id: the new column holds the same id, for the work list's index
update service_request set dispatch_team_id = cast(dispatch_target_id as uuid)
 where dispatch_target_type = 'TEAM'
   and dispatch_target_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

-- the work list: tickets taken by a login and still being handled (V8's service_request_assignee_idx), and those
-- dispatched to a login before
create index service_request_dispatch_login_idx on service_request (dispatch_target_id)
    where dispatch_target_type = 'PERSON' and dispatch_person_id is null and status = 'DISPATCHED';
