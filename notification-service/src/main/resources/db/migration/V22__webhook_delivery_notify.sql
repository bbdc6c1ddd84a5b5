-- A delivery queued (a consumed event, a redelivery) wakes the webhook senders of every instance at once, instead of
-- at their next poll (grid.notification.webhooks.poll-interval, which stays as the fallback and for retries that
-- come due). One notification per statement, delivered at commit; the payload says nothing: a woken sender asks
-- the table what is due, as a poll would.
create or replace function webhook_delivery_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('webhook_delivery', '');
    return null;
end $$;

create trigger webhook_delivery_queued after insert on webhook_delivery
    for each statement execute function webhook_delivery_notify();
create trigger webhook_delivery_requeued after update of redeliveries on webhook_delivery
    for each statement execute function webhook_delivery_notify();
