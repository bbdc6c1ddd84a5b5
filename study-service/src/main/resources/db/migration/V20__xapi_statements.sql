-- xAPI 1.0.3 statements (the LRS face at /xapi/statements). Each statement is kept as sent (jsonb), with the
-- properties the LRS sets added (id if absent, stored, authority, timestamp if absent, version if absent); the
-- columns beside it are what GET statements filters, orders and pages by.
create table xapi_statement (
    statement_id       uuid        primary key,
    -- store order: writes take a transaction lock (XapiStatementRepository.lockWrites), so seq, stored and commit
    -- order agree and a "more" cursor on seq neither skips nor repeats a statement
    seq                bigserial   not null unique,
    statement          jsonb       not null,
    verb_id            text        not null,
    -- the actor's inverse functional identifier as one key: mbox:…, mbox_sha1sum:…, openid:… or account:<homePage> <name>
    actor_key          text        not null,
    -- every key the agent filter matches: actor, an Agent/Group object, and the members of either when a Group
    agent_keys         text[]      not null,
    -- object id when the object is an Activity
    activity_id        text,
    -- object id when the object is a StatementRef (statements targeting a match also match, Communication 2.1.3)
    ref_statement_id   uuid,
    registration       uuid,
    "timestamp"        timestamptz not null,
    stored             timestamptz not null,
    -- a voiding statement targets it; a voiding statement is never voided
    voided             boolean     not null default false,
    -- on a voiding statement: the statement it voids (which may arrive later, or never)
    voids_statement_id uuid,
    authority_subject  text        not null
);

create index xapi_statement_verb_idx on xapi_statement (verb_id, seq);
create index xapi_statement_actor_idx on xapi_statement (actor_key, seq);
create index xapi_statement_agent_keys_idx on xapi_statement using gin (agent_keys);
create index xapi_statement_activity_idx on xapi_statement (activity_id, seq) where activity_id is not null;
create index xapi_statement_registration_idx on xapi_statement (registration, seq) where registration is not null;
create index xapi_statement_ref_idx on xapi_statement (ref_statement_id) where ref_statement_id is not null;
create index xapi_statement_voids_idx on xapi_statement (voids_statement_id) where voids_statement_id is not null;
create index xapi_statement_stored_idx on xapi_statement (stored);
