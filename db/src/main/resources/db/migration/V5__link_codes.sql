-- One-time codes that tie a user's accounts on several chat platforms to one person (`link account`).
create table link_codes (
    code       text        primary key,
    user_id    bigint      not null unique references users (id) on delete cascade,
    expires_at timestamptz not null
);
