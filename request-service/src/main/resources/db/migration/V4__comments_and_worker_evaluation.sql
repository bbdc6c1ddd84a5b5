-- Updates and comments on a ticket (the citizen sees those marked visible), and the grid worker's
-- evaluation of the outcome (网格员评价办事成效) beside the citizen's rating.
create table request_comment (
    id                  uuid        primary key,
    request_id          uuid        not null references service_request (id),
    author              text        not null,
    text                text        not null,
    visible_to_citizen  boolean     not null,
    at                  timestamptz not null
);
create index request_comment_request_idx on request_comment (request_id, at);

alter table service_request
    add column worker_evaluation       smallint check (worker_evaluation between 1 and 5),
    add column worker_evaluation_note  text,
    add column evaluated_by            text;
