-- Personal API tokens: what the REST API, editor plugins and git hooks authenticate with. Only the SHA-256 of the
-- token is kept; the token itself is shown once, when it is created. A revoked token keeps its row, so that using it
-- says "revoked" rather than "unknown", and its name may be used again.
create table api_tokens (
    id           bigserial   primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    name         text        not null,
    token_hash   bytea       not null unique,
    scopes       text[]      not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create unique index api_tokens_live_name on api_tokens (user_id, lower(name)) where revoked_at is null;
