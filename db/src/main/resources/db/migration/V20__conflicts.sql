-- Conflicts between people's work: the same location at once, the same files on unmerged branches, the same directory.
-- One open row per project, kind and key (the shared location, directory, or repository and branches); people and
-- files are what it was last announced with, so it is announced again only when they change.
create table conflicts (
    id           bigserial   primary key,
    project_id   bigint      not null references projects (id) on delete cascade,
    kind         text        not null,
    key          text        not null,
    severity     text        not null,
    people       text[]      not null,
    files        text[]      not null,
    activity_ids bigint[]    not null,
    opened_at    timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    resolved_at  timestamptz,
    dismissed_at timestamptz
);
create unique index conflicts_open_key on conflicts (project_id, kind, key) where resolved_at is null;
create index conflicts_open on conflicts (project_id) where resolved_at is null;
