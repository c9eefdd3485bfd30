-- The webhook Ticolops registered through the provider's API (null when the webhook was added by hand), the API the
-- repository lives on (GitHub's API root or a GitLab's base URL), and how far GitLab's API was searched for missed events.
alter table repositories
    add column hook_id          bigint,
    add column api_url          text,
    add column backfilled_until timestamptz;

-- API access tokens, encrypted (AES-GCM): for a project's repositories on one host (repository null), or for one
-- repository by name (it may be given before the repository is connected).
create table git_access_tokens (
    id              bigint generated always as identity primary key,
    project_id      bigint      not null references projects (id) on delete cascade,
    provider        text        not null check (provider in ('github', 'gitlab')),
    api_url         text        not null,
    repository      text,
    token_encrypted bytea       not null,
    set_by          bigint      not null references users (id),
    set_at          timestamptz not null default now()
);
create unique index git_access_tokens_by_scope on git_access_tokens (project_id, provider, api_url, lower(coalesce(repository, '')));

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
