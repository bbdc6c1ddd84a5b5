-- Rights from the registry (issue 18): a caller's grants are read from these read models by login subject, and
-- cached per subject by every instance (RegistryRightsCache). A change of a row announces the subject(s) it
-- concerns on channel grid_rights, delivered when the consumer's transaction commits, so each instance drops the
-- stale entry at once. An empty payload means "any subject" (a team's whole roll, an organisation's status).
-- (party_org_member_view by subject: study-service's V21 has that index; request-service adds it in V7_8)
create index if not exists team_view_members_idx on team_view using gin (members jsonb_path_ops);

create or replace function grid_rights_notify_subject() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.subject is not null then
        perform pg_notify('grid_rights', old.subject);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.subject is not null then
        perform pg_notify('grid_rights', new.subject);
    end if;
    return null;
end $$;

create or replace function grid_rights_notify_all() returns trigger language plpgsql as $$
begin
    perform pg_notify('grid_rights', '');
    return null;
end $$;

create trigger grid_assignment_view_rights after insert or update or delete on grid_assignment_view
    for each row execute function grid_rights_notify_subject();
create trigger party_org_member_view_rights after insert or update or delete on party_org_member_view
    for each row execute function grid_rights_notify_subject();
-- an organisation's status or grid, a team's roll: who is concerned is in the JSON or another table
create trigger party_org_view_rights after insert or update of status, grid_node_id, grid_path or delete on party_org_view
    for each statement execute function grid_rights_notify_all();
create trigger team_view_rights after insert or update or delete on team_view
    for each statement execute function grid_rights_notify_all();
create trigger grid_node_view_rights after update of path on grid_node_view
    for each statement execute function grid_rights_notify_all();
