-- The webhook Ticolops registered through the provider's API (null when the webhook was added by hand), and the API
-- the repository lives on (a self-hosted GitLab's base URL; null means the instance default).
alter table repositories
    add column hook_id bigint,
    add column api_url text;

-- API access tokens, encrypted (AES-GCM): for a whole project on one host (repository_id null), or for one repository.
create table git_access_tokens (
    id              bigint generated always as identity primary key,
    project_id      bigint      not null references projects (id) on delete cascade,
    repository_id   bigint references repositories (id) on delete cascade,
    provider        text        not null check (provider in ('github', 'gitlab')),
    api_url         text        not null,
    token_encrypted bytea       not null,
    set_by          bigint      not null references users (id),
    set_at          timestamptz not null default now()
);
create unique index git_access_tokens_per_project on git_access_tokens (project_id, provider, api_url) where repository_id is null;
create unique index git_access_tokens_per_repository on git_access_tokens (repository_id) where repository_id is not null;

-- Deliveries we refused for a connected repository (wrong signature or token, unreadable payload), for `repo list`.
create table webhook_refusals (
    id            bigint generated always as identity primary key,
    repository_id bigint      not null references repositories (id) on delete cascade,
    status        int         not null,
    reason        text        not null,
    refused_at    timestamptz not null default now()
);
create index webhook_refusals_by_repository on webhook_refusals (repository_id, refused_at desc);

-- `repo list` and the missed-deliveries task ask for a repository's latest delivery.
create index webhook_deliveries_latest_by_repository on webhook_deliveries (provider, lower(repository), received_at desc);
