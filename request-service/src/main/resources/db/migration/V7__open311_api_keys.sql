-- Open311 GeoReport v2 api keys (one per integrator) and which key filed a ticket. V7, not V6: V6 belongs to
-- the lifecycle/SLA work running in parallel; quarkus.flyway.out-of-order lets either land first. Nothing
-- here depends on V6.
-- Only the SHA-256 of a key is kept (hex): the clear key is shown once, when it is issued, and never stored.
create table open311_api_key (
    id          uuid        primary key,
    name        text        not null check (length(btrim(name)) between 1 and 100),
    key_hash    text        not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz not null,
    created_by  text        not null,
    revoked_at  timestamptz
);

-- A key's name becomes the reporter of the tickets it files (open311:<name>): two live keys must not share it.
create unique index open311_api_key_live_name_idx on open311_api_key (name) where revoked_at is null;

-- The key a ticket was filed with (null: filed through the JSON API or with a citizen's token). An integrator
-- reads back exactly the tickets its key filed, newest first.
alter table service_request add column open311_key_id uuid references open311_api_key (id);
create index service_request_open311_key_idx on service_request (open311_key_id, id) where open311_key_id is not null;
