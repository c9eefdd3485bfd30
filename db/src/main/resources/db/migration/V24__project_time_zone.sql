-- A project's time zone: its environments' freeze windows are read in it (and its digests and stand-ups later).
alter table projects add column time_zone text not null default 'UTC';

-- An environment without a zone of its own (null) reads its freezes in its project's. Until now every new environment
-- was given the configured default, UTC: those follow their project from now on, which reads them the same until the
-- project names another zone.
alter table environments alter column time_zone drop not null;
alter table environments alter column time_zone drop default;
update environments set time_zone = null where time_zone = 'UTC';
