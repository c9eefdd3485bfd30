-- A notification to someone reachable on no channel this Ticolops talks on (no chat account here, a channel chosen that
-- is not configured) is recorded as such instead of being retried for ever.
alter table notification_deliveries drop constraint notification_deliveries_state_check;
alter table notification_deliveries add constraint notification_deliveries_state_check
    check (state in ('held', 'sending', 'sent', 'skipped', 'unreachable'));
