-- What a conflict's channels were last shown: a conflict that changes all the time (a busy directory) is edited in its
-- channels at most every ticolops.conflicts.reannounce-after, with everyone who joined since; people and files keep
-- what it is now.
alter table conflicts add column announced_at     timestamptz,
                      add column announced_people text[] not null default '{}',
                      add column announced_files  text[] not null default '{}';
update conflicts set announced_at = updated_at, announced_people = people, announced_files = files;
alter table conflicts alter column announced_at set not null, alter column announced_at set default now();
