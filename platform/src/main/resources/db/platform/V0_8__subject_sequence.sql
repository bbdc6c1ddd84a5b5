-- Per-aggregate order at any number of instances (issue 17).
--
-- The last number handed out per event key (the CloudEvents subject, i.e. the aggregate id). Never purged with the
-- outbox rows: the numbers must keep growing after the sent rows are gone.
create table outbox_subject_sequence (
    event_key      text   primary key,
    last_sequence  bigint not null
);

alter table outbox_event add column subject_sequence bigint;

-- Numbers each outbox row at COMMIT (a deferred constraint trigger fires after every statement of the transaction,
-- the ORM's flush included): the next number of its key, written into the payload as the CloudEvents extension
-- attribute "subjectsequence", and a new seq. The upsert row-locks the key until the commit ends, so a second
-- transaction committing an event of the same aggregate waits for the first to be committed: an aggregate's
-- numbers and seqs follow commit order (a bigserial drawn at insert time follows insert order, and two
-- transactions can commit the other way round). Taken at commit, after the aggregate's own rows were locked by the
-- business change, the lock adds no lock-order of its own (taken in OutboxWriter.append, before the ORM flushed
-- the change, it deadlocked against a concurrent edit of the same row).
create function outbox_event_number() returns trigger language plpgsql as $$
declare
    n bigint;
begin
    insert into outbox_subject_sequence as s (event_key, last_sequence) values (new.event_key, 1)
    on conflict (event_key) do update set last_sequence = s.last_sequence + 1
    returning last_sequence into n;
    update outbox_event
    set seq = nextval(pg_get_serial_sequence('outbox_event', 'seq')),
        subject_sequence = n,
        payload = case when payload like '{%}' and payload not like '{}%'
                       then '{"subjectsequence":' || n || ',' || substr(payload, 2) else payload end
    where seq = new.seq;
    return null;
end;
$$;

create constraint trigger outbox_event_numbered
    after insert on outbox_event
    deferrable initially deferred
    for each row execute function outbox_event_number();

-- For consumers whose effect is not one read-model row (e.g. study-service's practice credit): the newest
-- subjectsequence applied per (consumer, subject), so a late or replayed older event is recognised and skipped.
create table consumer_subject_sequence (
    consumer       text   not null,
    subject        text   not null,
    last_sequence  bigint not null,
    primary key (consumer, subject)
);
