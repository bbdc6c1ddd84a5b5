-- LRS client credentials for /xapi (issue 18): an xAPI library or the ADL conformance runner authenticates with
-- HTTP Basic base64(key:secret). V25, not V22: the other parts of issue 18 running in parallel may take the next
-- numbers; quarkus.flyway.out-of-order lets either land first. Nothing here depends on them.
-- The key is public (the client's id); only the SHA-256 of the secret is kept (hex). The secret is 32 random
-- bytes, shown once when issued: with 256 bits of entropy a slow hash (PBKDF2, bcrypt) adds no protection against
-- guessing and would cost its work factor on every xAPI request, which authenticates each time.
create table xapi_client (
    id           uuid        primary key,
    name         text        not null check (length(btrim(name)) between 1 and 100),
    secret_hash  text        not null check (secret_hash ~ '^[0-9a-f]{64}$'),
    -- the party organisation whose subtree (party_org_view.org_path) the client may record statements for; its
    -- path is looked up on each request, so a moved organisation moves its clients' reach with it
    org_id       uuid        not null,
    created_at   timestamptz not null,
    created_by   text        not null,
    revoked_at   timestamptz
);

create index xapi_client_org_idx on xapi_client (org_id);
