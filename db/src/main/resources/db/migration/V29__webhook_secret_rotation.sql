-- A rotated webhook secret: the one it replaced is still accepted until it expires, so deliveries signed before the
-- provider (or the person setting it up by hand) switched to the new one are not refused.
alter table repositories
    add column previous_webhook_secret_encrypted bytea,
    add column previous_webhook_secret_expires_at timestamptz,
    add column webhook_secret_rotated_at timestamptz,
    add constraint repositories_previous_secret_with_expiry
        check ((previous_webhook_secret_encrypted is null) = (previous_webhook_secret_expires_at is null));
