-- NOT A MIGRATION. A proposal for the lead (who owns V6+): the repository facts issue 4 asks us to keep for later
-- features (DORA, conflicts, digests), filled by an idempotent listener on the events in integrations.git.
-- Every row points at the delivery it came from, so a redelivery or a listener retry upserts instead of duplicating.

-- Commits from PushReceived. PushReceived.Commit has no timestamp yet: add `Instant timestamp` to it
-- (GitHub: commits[].timestamp via GHEventPayload.Push.PushCommit#getTimestamp; GitLab: EventCommit#getTimestamp).
create table repository_commits (
    repository_id bigint      not null references repositories (id) on delete cascade,
    sha           text        not null,
    author        text        not null,               -- provider username, else the git author name
    author_email  text,
    message       text        not null,               -- first line
    authored_at   timestamptz,
    pushed_at     timestamptz not null default now(), -- when we received the push (DORA lead time ends at deploy)
    branch        text,
    files         text[]      not null default '{}',  -- added, modified and removed
    delivery_id   text        not null,
    primary key (repository_id, sha)
);
create index repository_commits_by_time on repository_commits (repository_id, authored_at);

-- Pull / merge requests from PullRequestChanged (one row per request, updated in place) ...
create table pull_requests (
    repository_id bigint      not null references repositories (id) on delete cascade,
    number        int         not null,
    title         text        not null,
    author        text,                               -- null for GitLab until its author id is resolved via the API
    source_branch text        not null,
    target_branch text        not null,
    state         text        not null check (state in ('open', 'closed', 'merged')),
    draft         boolean     not null default false,
    labels        text[]      not null default '{}',
    files         text[]      not null default '{}',  -- needs an API call (payloads do not list files); for overlap conflicts
    opened_at     timestamptz,
    merged_at     timestamptz,
    closed_at     timestamptz,
    updated_at    timestamptz not null default now(),
    chat_messages jsonb,                               -- where its announcement was posted, for update-in-place and threads
    primary key (repository_id, number)
);
create index pull_requests_open on pull_requests (repository_id) where state = 'open';

-- ... and their reviews from ReviewSubmitted.
create table pull_request_reviews (
    repository_id bigint      not null,
    number        int         not null,
    reviewer      text        not null,
    state         text        not null,               -- approved, changes_requested, commented, unapproved
    submitted_at  timestamptz not null default now(),
    delivery_id   text        not null,
    primary key (repository_id, number, delivery_id),
    foreign key (repository_id, number) references pull_requests (repository_id, number) on delete cascade
);

-- Pipelines / workflow runs from PipelineFinished.
create table pipeline_runs (
    repository_id bigint      not null references repositories (id) on delete cascade,
    provider_id   text        not null,               -- run / pipeline id: PipelineFinished does not carry it yet, add it
    name          text        not null,
    branch        text,
    sha           text,
    status        text        not null,               -- the provider's word
    outcome       text        not null check (outcome in ('success', 'failure', 'cancelled')),
    actor         text,
    started_at    timestamptz,
    finished_at   timestamptz,
    url           text,
    delivery_id   text        not null,
    primary key (repository_id, provider_id)
);
create index pipeline_runs_by_time on pipeline_runs (repository_id, finished_at);

-- Deployment statuses from DeploymentStatusChanged: one row per change, so DORA can measure time to restore and
-- change failure rate per environment. (Ticolops' own deployments, from /ticolops deploy, live elsewhere.)
create table deployment_statuses (
    id            bigint generated always as identity primary key,
    repository_id bigint      not null references repositories (id) on delete cascade,
    environment   text        not null,
    state         text        not null,
    outcome       text        check (outcome in ('success', 'failure', 'cancelled')),
    ref           text,
    sha           text,
    actor         text,
    url           text,
    changed_at    timestamptz not null,               -- the event's time, else when we received it
    delivery_id   text        not null,
    unique (repository_id, delivery_id)
);
create index deployment_statuses_by_env on deployment_statuses (repository_id, environment, changed_at);
