-- Who works where, from chat, the REST API, pushes and pull requests. One row per person, project, location,
-- repository and branch, refreshed as the work goes on: the table grows with the places people work, not with every
-- event, and conflict detection probes it by index (location, its directory, its prefixes) within a time window.
create table activities (
    id           bigserial   primary key,
    project_id   bigint      not null references projects (id) on delete cascade,
    -- null for a Git login nobody has linked yet; person names them either way: 'user:42' or 'github:octocat'
    user_id      bigint      references users (id) on delete cascade,
    person       text        not null,
    location     text        not null check (length(location) between 1 and 500),
    -- the location's parent directory, '' at the top: related work is a different location in the same directory
    directory    text        not null,
    type         text        not null,
    source       text        not null,
    repository   text        not null default '',
    branch       text        not null default '',
    pull_request integer,
    started_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    ended_at     timestamptz,
    unique (project_id, person, location, repository, branch)
);
create index activities_by_location on activities (project_id, location text_pattern_ops, last_seen_at);
create index activities_by_directory on activities (project_id, directory, last_seen_at);
create index activities_of_person on activities (person, last_seen_at desc);
create index activities_by_branch on activities (project_id, repository, branch) where ended_at is null;

-- When each person was last seen (a heartbeat or an activity) and their time zone.
create table presence (
    user_id      bigint      primary key references users (id) on delete cascade,
    last_seen_at timestamptz,
    time_zone    text
);
