-- `env remove` keeps an environment's deployments (their history, and DORA's later): the environment is marked
-- removed rather than deleted, and its name is free for a new one.
alter table environments add column removed_at timestamptz;
drop index environments_by_name;
create unique index environments_by_name on environments (repository_id, lower(name)) where removed_at is null;
drop index environments_one_default;
create unique index environments_one_default on environments (repository_id) where is_default and removed_at is null;
