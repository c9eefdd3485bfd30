-- What happened in connected repositories, kept for the features that look back: DORA metrics, conflicts, digests.
-- Each row is written by an idempotent listener, keyed so that a redelivery or a retried listener changes nothing.

create table repository_commits (
    repository_id bigint      not null references repositories (id) on delete cascade,
    sha           text        not null,
    author        text        not null,
    message       text        not null,
    authored_at   timestamptz,
    pushed_at     timestamptz not null default now(),
    branch        text,
    files         text[]      not null default '{}',
    delivery_id   text        not null,
    primary key (repository_id, sha)
);
create index repository_commits_by_time on repository_commits (repository_id, authored_at);

-- One row per pull (merge) request, updated as it moves; times are when we heard of each step.
create table pull_requests (
    repository_id bigint      not null references repositories (id) on delete cascade,
    number        int         not null,
    title         text        not null,
    author        text,
    source_branch text,
    target_branch text,
    state         text        not null check (state in ('open', 'closed', 'merged')),
    draft         boolean     not null default false,
    labels        text[]      not null default '{}',
    opened_at     timestamptz,
    merged_at     timestamptz,
    closed_at     timestamptz,
    updated_at    timestamptz not null default now(),
    primary key (repository_id, number)
);
create index pull_requests_open on pull_requests (repository_id) where state = 'open';

create table pull_request_reviews (
    repository_id bigint      not null references repositories (id) on delete cascade,
    delivery_id   text        not null,
    number        int         not null,
    reviewer      text        not null,
    state         text        not null,
    submitted_at  timestamptz not null default now(),
    primary key (repository_id, delivery_id)
);
create index pull_request_reviews_by_request on pull_request_reviews (repository_id, number);

create table pipeline_runs (
    repository_id bigint      not null references repositories (id) on delete cascade,
    delivery_id   text        not null,
    name          text,
    branch        text,
    sha           text,
    status        text        not null,
    outcome       text        not null check (outcome in ('success', 'failure', 'cancelled')),
    actor         text,
    started_at    timestamptz,
    finished_at   timestamptz not null,
    url           text,
    primary key (repository_id, delivery_id)
);
create index pipeline_runs_by_time on pipeline_runs (repository_id, finished_at);

create table deployment_statuses (
    repository_id bigint      not null references repositories (id) on delete cascade,
    delivery_id   text        not null,
    environment   text        not null,
    state         text        not null,
    outcome       text        check (outcome in ('success', 'failure', 'cancelled')),
    ref           text,
    sha           text,
    actor         text,
    url           text,
    changed_at    timestamptz not null,
    primary key (repository_id, delivery_id)
);
create index deployment_statuses_by_environment on deployment_statuses (repository_id, environment, changed_at);
