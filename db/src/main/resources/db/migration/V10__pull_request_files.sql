-- The paths each pull (merge) request changes. Webhooks do not carry them: they are asked of the provider's API when a
-- token is known, after the request is opened or gets new commits. files_checked_at is when the API answered (null:
-- never asked), so an answer that arrives late never replaces a newer one.
alter table pull_requests
    add column files            text[]      not null default '{}',
    add column files_checked_at timestamptz;
