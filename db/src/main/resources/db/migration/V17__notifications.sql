-- How each person wants to hear about what concerns them. No row: the defaults (their chat account, every kind, no
-- quiet hours).
create table notification_settings (
    user_id                  bigint      primary key references users (id) on delete cascade,
    channel                  text        check (channel in ('slack', 'discord', 'console', 'email', 'webhook')),
    email                    text,
    webhook_url              text,
    webhook_secret_encrypted bytea,
    quiet_start              time,
    quiet_end                time,
    updated_at               timestamptz not null default now(),
    check ((quiet_start is null) = (quiet_end is null))
);

-- The kinds a person turned off; every other kind is on.
create table notification_kinds_off (
    user_id bigint not null references users (id) on delete cascade,
    kind    text   not null,
    primary key (user_id, kind)
);

create table notification_mutes (
    user_id    bigint not null references users (id) on delete cascade,
    project_id bigint not null references projects (id) on delete cascade,
    primary key (user_id, project_id)
);

-- An address receives notifications only once its owner opened the link we mailed to it. The link's token is kept
-- as its SHA-256: the table alone does not let anyone verify an address.
create table notification_email_verifications (
    token_sha256 bytea       primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    address      text        not null,
    expires_at   timestamptz not null,
    verified_at  timestamptz
);
create index notification_email_verifications_by_user on notification_email_verifications (user_id, lower(address));

-- Each notification once per recipient, keyed by the publisher's idempotency key: a redelivered event finds its row.
-- held: waiting for the end of quiet hours; sending: about to go out (or out, and the outcome not yet recorded);
-- sent; skipped: the person turned the kind off or muted the project.
create table notification_deliveries (
    user_id         bigint      not null references users (id) on delete cascade,
    idempotency_key text        not null,
    kind            text        not null,
    subject         text        not null,
    text            text        not null,
    link            text,
    state           text        not null check (state in ('held', 'sending', 'sent', 'skipped')),
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    primary key (user_id, idempotency_key)
);
create index notification_deliveries_held on notification_deliveries (user_id, created_at) where state = 'held';
