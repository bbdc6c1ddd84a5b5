-- Per-aggregate order at any number of instances (issue 17).
--
-- The last number handed out per event key (the CloudEvents subject, i.e. the aggregate id). OutboxWriter bumps it
-- in the transaction that appends the event: the upsert's row lock is held until commit, so two transactions
-- writing events of one aggregate are serialised there, and the number (the envelope's "subjectsequence") and the
-- outbox seq of an aggregate's events both follow commit order. Never purged with the outbox rows: the numbers
-- must keep growing after the sent rows are gone.
create table outbox_subject_sequence (
    event_key      text   primary key,
    last_sequence  bigint not null
);

-- For consumers whose effect is not one read-model row (e.g. study-service's practice credit): the newest
-- subjectsequence applied per (consumer, subject), so a late or replayed older event is recognised and skipped.
create table consumer_subject_sequence (
    consumer       text   not null,
    subject        text   not null,
    last_sequence  bigint not null,
    primary key (consumer, subject)
);
