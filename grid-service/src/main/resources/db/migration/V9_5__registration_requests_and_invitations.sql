-- Issue 18: a party member reports in at a grid themself (居住地报到 as a request the grid's worker or the community
-- approves), and a role, membership or team place for someone outside the granter's area is an invitation that
-- person accepts. Both rows stay after the decision: they are the person's history.
create table registration_request (
    id                 uuid        primary key,
    person_id          uuid        not null references person (id),
    node_id            uuid        not null references grid_node (id),
    node_path          text        not null,   -- a copy of the node's path; a subtree move rewrites it
    work_organisation  text,                   -- 双报到: the member's work unit
    status             text        not null,   -- PENDING, APPROVED, REJECTED, WITHDRAWN
    reason             text,                   -- why it was rejected
    decided_by         text,                   -- login subject of the reviewer (or of the member who withdrew)
    decided_at         timestamptz,
    assignment_id      uuid        references assignment (id),   -- the PARTY_MEMBER assignment an approval made
    version            bigint      not null default 0,
    requested_at       timestamptz not null
);
-- one pending request per person and grid; decided ones pile up as history
create unique index registration_request_pending_uq on registration_request (person_id, node_id)
    where status = 'PENDING';
-- the reviewers' queue: pending requests in a subtree, oldest first
create index registration_request_pending_path_idx on registration_request (node_path text_pattern_ops, requested_at)
    where status = 'PENDING';
create index registration_request_person_idx on registration_request (person_id, requested_at);

create table grant_invitation (
    id                 uuid        primary key,
    person_id          uuid        not null references person (id),
    kind               text        not null,   -- ASSIGNMENT, ORG_MEMBERSHIP, TEAM
    node_id            uuid        not null references grid_node (id),  -- where the grant lives (the org's or team's grid)
    node_path          text        not null,
    role               text        not null,   -- an assignment role, a membership role, or LEADER/MEMBER in a team
    org_id             uuid        references party_org (id),
    team_id            uuid        references team (id),
    start_date         date,
    end_date           date,
    work_organisation  text,
    status             text        not null,   -- PENDING, ACCEPTED, DECLINED
    invited_by         text        not null,   -- login subject of the granter
    grant_id           uuid,                   -- the assignment, membership or team place an acceptance made
    version            bigint      not null default 0,
    created_at         timestamptz not null,
    decided_at         timestamptz,
    check (end_date is null or start_date is null or end_date >= start_date)
);
create index grant_invitation_person_idx on grant_invitation (person_id, created_at);
