-- Retention: a delivery's body is dropped after a while, its id row stays, so a redelivery is still refused.
alter table webhook_deliveries alter column payload drop not null;
create index webhook_deliveries_with_payload_by_received_at on webhook_deliveries (received_at) where payload is not null;
create index announcement_messages_by_posted_at on announcement_messages (posted_at);

-- The console is exactly once: an announcement's message is keyed by the announcement, so a publication delivered
-- again after a crash (its message committed, its completion not) finds its message instead of posting a second one.
alter table console_messages add column announcement_id uuid;
create unique index console_messages_by_announcement on console_messages (announcement_id);

-- The resubmission task looks for failed and stale publications every few seconds: by status, not by reading the
-- week of completed ones the registry keeps.
create index event_publication_by_status on event_publication (status, publication_date);
