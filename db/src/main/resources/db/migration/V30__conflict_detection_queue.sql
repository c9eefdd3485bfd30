-- Activities waiting for conflict detection: written in the activity's own transaction (one row per activity, whatever
-- refreshes it meanwhile), taken and deleted by one detector at a time in batches. The replica that recorded the
-- activity takes it; another does once it has waited long enough that its replica is gone.
create table conflict_detection_queue (
    activity_id bigint primary key,
    project_id  bigint      not null,
    replica     uuid        not null,
    enqueued_at timestamptz not null default clock_timestamp()
);
