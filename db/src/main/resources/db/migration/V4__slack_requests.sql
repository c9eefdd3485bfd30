-- Slack requests we have acted on, by trigger id: a retried or replayed slash command or button click runs once,
-- across restarts and replicas. Old rows are pruned by the application (a trigger id is only valid for minutes).
create table slack_requests (
    request_id  text        primary key,
    received_at timestamptz not null default now()
);
create index slack_requests_by_age on slack_requests (received_at);
