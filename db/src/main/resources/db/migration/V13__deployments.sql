-- Deployments from chat (bot.deployment): where a repository deploys to, under which rules, and every deployment made.

-- An environment of a repository and the executor that deploys to it. A deploy hook URL carries its own credential,
-- so it is kept encrypted (AES-GCM) and only its host is shown.
create table environments (
    id                    bigint generated always as identity primary key,
    repository_id         bigint      not null references repositories (id) on delete cascade,
    name                  text        not null,
    executor              text        not null check (executor in ('github-deployments', 'github-workflow', 'gitlab-pipeline', 'gitlab-job', 'hook')),
    -- the workflow file (github-workflow) or the manual job's name (gitlab-job)
    executor_target       text,
    hook_url_encrypted    bytea,
    hook_host             text,
    url                   text,
    is_default            boolean     not null default false,
    -- the rules
    required_role         text        not null check (required_role in ('member', 'maintainer', 'admin')),
    allowed_channels      text[]      not null default '{}',
    confirmation_required boolean     not null default false,
    when_busy             text        not null default 'refuse' check (when_busy in ('refuse', 'queue')),
    time_zone             text        not null default 'UTC',
    created_by            bigint      not null references users (id),
    created_at            timestamptz not null default now(),
    check ((executor = 'hook') = (hook_url_encrypted is not null)),
    check (executor not in ('github-workflow', 'gitlab-job') or executor_target is not null)
);
create unique index environments_by_name on environments (repository_id, lower(name));
create unique index environments_one_default on environments (repository_id) where is_default;

-- A freeze window: from each time `starts` fires until the next time `ends` fires (cron, in the environment's zone).
create table environment_freezes (
    id             bigint generated always as identity primary key,
    environment_id bigint      not null references environments (id) on delete cascade,
    starts         text        not null,
    ends           text        not null,
    created_by     bigint      not null references users (id),
    created_at     timestamptz not null default now()
);
create index environment_freezes_by_environment on environment_freezes (environment_id);

-- `deploy lock`: at most one per environment, by construction.
create table environment_locks (
    environment_id bigint primary key references environments (id) on delete cascade,
    locked_by      bigint      references users (id) on delete set null,
    locked_by_name text        not null,
    reason         text,
    locked_at      timestamptz not null default now()
);

-- Deploy on push: a push to `branch` deploys to the environment.
create table autodeploys (
    repository_id  bigint      not null references repositories (id) on delete cascade,
    branch         text        not null,
    environment_id bigint      not null references environments (id) on delete cascade,
    enabled_by     bigint      not null references users (id),
    enabled_at     timestamptz not null default now(),
    primary key (repository_id, branch, environment_id)
);

create table deployments (
    id                  bigint generated always as identity primary key,
    project_id          bigint      not null references projects (id) on delete cascade,
    repository_id       bigint      not null references repositories (id) on delete cascade,
    environment_id      bigint      not null references environments (id) on delete cascade,
    environment         text        not null,
    ref                 text        not null,
    sha                 text        not null,
    requested_by        bigint      references users (id) on delete set null,
    -- as shown: "@alice", "push to main"
    requested_by_name   text        not null,
    platform            text,
    channel_id          text,
    status              text        not null check (status in ('pending', 'queued', 'building', 'success', 'failed', 'cancelled')),
    -- holds the environment: set from the start until it ends; the partial unique index below lets only one hold it
    in_flight           boolean     not null,
    pending_at          timestamptz not null default now(),
    queued_at           timestamptz,
    building_at         timestamptz,
    finished_at         timestamptz,
    environment_url     text,
    logs_url            text,
    provider_id         text,
    note                text,
    failure_log         text,
    failure_hint        text,
    override_reason     text,
    rollback_of         bigint      references deployments (id) on delete set null,
    -- false until the commits it ships are listed: a deploy without confirmation lists them after its answer, not before
    commits_listed      boolean     not null default true,
    -- the push delivery that triggered an automatic deployment: one deployment per delivery, however often redelivered
    trigger_delivery_id text        unique,
    -- a pending deployment waiting behind another (environments that queue) does not hold the environment yet
    check (not in_flight or status in ('pending', 'queued', 'building')),
    check (in_flight or status not in ('queued', 'building'))
);
create unique index deployments_one_in_flight_per_environment on deployments (environment_id) where in_flight;
create index deployments_by_environment on deployments (environment_id, id desc);
create index deployments_by_project on deployments (project_id, id desc);
create unique index deployments_by_provider_id on deployments (repository_id, provider_id) where provider_id is not null;

-- What a deployment ships: the commits since the environment's previous successful deployment, oldest first.
create table deployment_commits (
    deployment_id bigint      not null references deployments (id) on delete cascade,
    position      int         not null,
    sha           text        not null,
    title         text        not null,
    author        text,
    url           text,
    authored_at   timestamptz,
    primary key (deployment_id, position)
);

-- A deploy waiting for its requester's button; nothing is deployed until it is pressed, within its time.
create table deployment_confirmations (
    id                bigint generated always as identity primary key,
    token             text        not null unique,
    project_id        bigint      not null references projects (id) on delete cascade,
    environment_id    bigint      not null references environments (id) on delete cascade,
    ref               text        not null,
    sha               text        not null,
    commits           jsonb       not null,
    requested_by      bigint      not null references users (id) on delete cascade,
    requested_by_name text        not null,
    platform          text        not null,
    channel_id        text        not null,
    override_reason   text,
    rollback_of       bigint      references deployments (id) on delete set null,
    expires_at        timestamptz not null,
    used_at           timestamptz
);

-- Every deploy, rollback, lock, unlock, override and refusal: who, what, where, allowed or refused and why.
create table deployment_audit (
    id          bigint generated always as identity primary key,
    project_id  bigint      not null references projects (id) on delete cascade,
    at          timestamptz not null default now(),
    actor       text        not null,
    action      text        not null,
    repository  text,
    environment text,
    allowed     boolean     not null,
    reason      text,
    platform    text,
    channel_id  text
);
create index deployment_audit_by_project on deployment_audit (project_id, id desc);
