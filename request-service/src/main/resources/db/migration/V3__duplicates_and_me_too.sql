-- Likely duplicates are open tickets of the same type near the same place; "me too" (我也遇到) counts
-- each citizen once per ticket.
create index service_request_nearby_idx on service_request (type, latitude, longitude)
    where latitude is not null and status not in ('REJECTED', 'CLOSED', 'WITHDRAWN');

create table request_me_too (
    request_id  uuid        not null references service_request (id),
    subject     text        not null,
    at          timestamptz not null default now(),
    primary key (request_id, subject)
);
