-- Issue 17: two identical assignments (or memberships) sent at once both passed the use case's overlap check and
-- were both stored. The database now holds the invariant for what is current (open-ended): one row per person,
-- node and role; per organisation, person and role; per team and person. The services also lock the person,
-- organisation or team row before their overlap checks, which covers dated tenures too.
--
-- First settle what such races already stored: of open-ended duplicates the earliest (by start, then creation)
-- stays current; each later one is ended on its own first day, so it stays in the history and the index can hold.
with ranked as (
    select id, first_value(id) over w as kept, row_number() over w as n
    from assignment
    where end_date is null
    window w as (partition by person_id, node_id, role order by start_date, created_at, id)
)
update assignment a
set end_date = a.start_date,
    end_reason = 'duplicate of assignment ' || r.kept || ', settled by migration V8_4',
    version = a.version + 1
from ranked r
where a.id = r.id and r.n > 1;

create unique index assignment_current_uq on assignment (person_id, node_id, role) where end_date is null;

with ranked as (
    select id, row_number() over (partition by org_id, person_id, role order by start_date, created_at, id) as n
    from party_org_membership
    where end_date is null
)
update party_org_membership m
set end_date = m.start_date, version = m.version + 1
from ranked r
where m.id = r.id and r.n > 1;

create unique index party_org_membership_current_uq on party_org_membership (org_id, person_id, role)
    where end_date is null;

with ranked as (
    select id, row_number() over (partition by team_id, person_id order by start_date, created_at, id) as n
    from team_member
    where end_date is null
)
update team_member t
set end_date = t.start_date
from ranked r
where t.id = r.id and r.n > 1;

create unique index team_member_current_uq on team_member (team_id, person_id) where end_date is null;
