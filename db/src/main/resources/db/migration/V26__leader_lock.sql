-- Spring Integration's JDBC lock registry (its schema-postgresql.sql): the lock a leader holds and renews, so one
-- replica at a time does what only one may (the Discord gateway session). A lock its holder stopped renewing expires,
-- and another replica takes it.
create table int_lock (
    lock_key      char(36)     not null,
    region        varchar(100) not null,
    client_id     char(36),
    created_date  timestamp    not null,
    expired_after timestamp    not null,
    constraint int_lock_pk primary key (lock_key, region)
);
