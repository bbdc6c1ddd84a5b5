-- Local read model of who holds which role where (grid workers, heads, volunteers, registered party members),
-- fed by grid.events: request-service asks who may sign or claim where, study-service counts members.
create table grid_assignment_view (
    assignment_id      uuid        primary key,
    person_id          uuid        not null,
    person_name        text,
    subject            text,
    node_id            uuid        not null,
    node_path          text        not null,
    role               text        not null,
    start_date         date        not null,
    end_date           date,
    work_organisation  text,
    last_event_id      uuid        not null,
    updated_at         timestamptz not null default now()
);

create index grid_assignment_view_path_idx on grid_assignment_view (node_path text_pattern_ops, role);
create index grid_assignment_view_subject_idx on grid_assignment_view (subject) where subject is not null;
