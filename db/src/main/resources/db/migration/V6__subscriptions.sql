-- Which events of a connected repository a channel receives, and the filters narrowing them (`/ticolops subscribe`).
create table subscriptions (
    id            bigint generated always as identity primary key,
    repository_id bigint      not null references repositories (id) on delete cascade,
    platform      text        not null check (platform in ('console', 'slack', 'discord')),
    channel_id    text        not null,
    features      text[]      not null,
    filters       jsonb       not null default '{}',
    created_by    bigint      not null references users (id),
    created_at    timestamptz not null default now(),
    unique (repository_id, platform, channel_id)
);
create index subscriptions_by_channel on subscriptions (platform, channel_id);
