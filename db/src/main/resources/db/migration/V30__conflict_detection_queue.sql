-- Activities waiting for conflict detection: written in the activity's own transaction, taken and deleted by one
-- detector at a time in batches. The replica that recorded the activity takes it; another does once it has waited long
-- enough that its replica is gone. Keyed by its own sequence, not the activity: refreshing an activity the detector is
-- taking at that moment adds a row instead of waiting for the detector's transaction to end.
create table conflict_detection_queue (
    id          bigint generated always as identity primary key,
    activity_id bigint      not null,
    replica     uuid        not null,
    enqueued_at timestamptz not null default clock_timestamp(),
    -- An activity whose detection failed alone waits until then, so that it holds up nobody else's.
    attempts    int         not null default 0,
    retry_at    timestamptz
);
