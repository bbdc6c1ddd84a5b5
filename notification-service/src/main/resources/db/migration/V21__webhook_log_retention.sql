-- The delivery log's retention (grid.notification.webhooks.log-retention) deletes finished deliveries by their
-- completion time; waiting ones (completed_at null) are never its business.
create index webhook_delivery_completed_idx on webhook_delivery (completed_at) where completed_at is not null;
