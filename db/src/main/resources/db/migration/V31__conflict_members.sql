-- Who is in a conflict, one row per activity: joining a conflict adds a row instead of rewriting the conflict's arrays,
-- which for a crowded directory (hundreds of people and files) made every join rewrite kilobytes and left the table
-- bloated faster than autovacuum could clean it. The conflict's people, files and activities are read from here.
create table conflict_members (
    conflict_id bigint      not null references conflicts (id) on delete cascade,
    activity_id bigint      not null,
    person      text        not null,
    location    text        not null,
    joined_at   timestamptz not null default now(),
    primary key (conflict_id, activity_id)
);
create index conflict_members_by_person on conflict_members (conflict_id, person);

-- An activity that is gone leaves its conflict's person and file unknown: the conflict keeps the others.
insert into conflict_members (conflict_id, activity_id, person, location, joined_at)
select c.id, a.id, a.person, a.location, c.updated_at
  from conflicts c cross join unnest(c.activity_ids) as i(id) join activities a on a.id = i.id;

alter table conflicts drop column people, drop column files, drop column activity_ids;
