-- People, with every identity they are known by on the platforms we talk to.
create table users (
    id           bigint generated always as identity primary key,
    display_name text        not null,
    created_at   timestamptz not null default now()
);

create table user_identities (
    id          bigint generated always as identity primary key,
    user_id     bigint      not null references users (id) on delete cascade,
    kind        text        not null check (kind in ('console', 'slack', 'discord', 'github', 'gitlab', 'email')),
    external_id text        not null,
    created_at  timestamptz not null default now(),
    unique (kind, external_id)
);
create index user_identities_by_user on user_identities (user_id);

create table projects (
    id         bigint generated always as identity primary key,
    name       text        not null,
    created_by bigint      not null references users (id),
    created_at timestamptz not null default now()
);
create unique index projects_by_name on projects (lower(name));

create table project_members (
    project_id bigint      not null references projects (id) on delete cascade,
    user_id    bigint      not null references users (id) on delete cascade,
    role       text        not null check (role in ('admin', 'maintainer', 'member')),
    added_at   timestamptz not null default now(),
    primary key (project_id, user_id)
);
create index project_members_by_user on project_members (user_id);

-- A Git repository belongs to one project; its webhook secret is stored encrypted (AES-GCM).
create table repositories (
    id                       bigint generated always as identity primary key,
    project_id               bigint      not null references projects (id) on delete cascade,
    provider                 text        not null check (provider in ('github', 'gitlab')),
    full_name                text        not null,
    default_branch           text,
    webhook_secret_encrypted bytea       not null,
    connected_by             bigint      not null references users (id),
    connected_at             timestamptz not null default now()
);
create unique index repositories_by_name on repositories (provider, lower(full_name));
create index repositories_by_project on repositories (project_id);

-- A chat channel (Slack, Discord or the local console) bound to the project it announces.
create table channels (
    platform    text        not null check (platform in ('console', 'slack', 'discord')),
    external_id text        not null,
    project_id  bigint      not null references projects (id) on delete cascade,
    bound_at    timestamptz not null default now(),
    primary key (platform, external_id)
);
create index channels_by_project on channels (project_id);

-- Every webhook delivery we acknowledged, once: a redelivery hits the unique key and is a no-op.
create table webhook_deliveries (
    id          bigint generated always as identity primary key,
    provider    text        not null check (provider in ('github', 'gitlab')),
    delivery_id text        not null,
    event       text        not null,
    action      text,
    repository  text,
    payload     jsonb       not null,
    received_at timestamptz not null default now(),
    unique (provider, delivery_id)
);

-- What was posted to the local console's channels: the console is a chat platform of its own.
create table console_messages (
    id        bigint generated always as identity primary key,
    channel   text        not null,
    author    text        not null,
    text      text        not null,
    message   jsonb       not null,
    posted_at timestamptz not null default now()
);
create index console_messages_by_channel on console_messages (channel, id);
