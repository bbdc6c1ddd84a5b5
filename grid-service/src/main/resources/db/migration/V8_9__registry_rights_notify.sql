-- Rights from the registry (issue 18): grid-service reads a caller's grants from these tables by login subject and
-- caches them per subject (platform RegistryRightsCache). A change announces the subject it concerns on channel
-- grid_rights when its transaction commits, so every instance drops the stale entry at once; an empty payload
-- means "any subject" (a node moved, an organisation or team changed status).
create or replace function grid_rights_notify_person() returns trigger language plpgsql as $$
declare
    login text;
begin
    if tg_op in ('UPDATE', 'DELETE') then
        select subject into login from person where id = old.person_id;
        if login is not null then
            perform pg_notify('grid_rights', login);
        end if;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        select subject into login from person where id = new.person_id;
        if login is not null then
            perform pg_notify('grid_rights', login);
        end if;
    end if;
    return null;
end $$;

create or replace function grid_rights_notify_all() returns trigger language plpgsql as $$
begin
    perform pg_notify('grid_rights', '');
    return null;
end $$;

create trigger assignment_rights after insert or update or delete on assignment
    for each row execute function grid_rights_notify_person();
create trigger party_org_membership_rights after insert or update or delete on party_org_membership
    for each row execute function grid_rights_notify_person();
create trigger team_member_rights after insert or update or delete on team_member
    for each row execute function grid_rights_notify_person();
create trigger person_rights after update of subject, name or delete on person
    for each statement execute function grid_rights_notify_all();
create trigger party_org_rights after update of status, grid_node_id, grid_path on party_org
    for each statement execute function grid_rights_notify_all();
create trigger team_rights after update of status, grid_node_id, grid_path on team
    for each statement execute function grid_rights_notify_all();
create trigger grid_node_rights after update of path on grid_node
    for each statement execute function grid_rights_notify_all();
