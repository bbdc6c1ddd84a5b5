-- The live stream (issue 20): a notification committed to an inbox wakes the streams open on that inbox, in every
-- instance of the service. pg_notify is delivered at commit (never for a rolled-back insert), to each instance's
-- one listening connection (NotificationStreams via platform's PgChannelListener), with the recipient key as
-- payload; the woken streams then read "seq > the last one sent" from the table. Identical payloads of one
-- transaction are folded into one notification, so a delivery of many notifications to one inbox wakes it once.
create or replace function notification_inbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('notification_inbox', new.recipient);
    return null;
end $$;

create trigger notification_inbox_notify after insert on notification
    for each row execute function notification_inbox_notify();
