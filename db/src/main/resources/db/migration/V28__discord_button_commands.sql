-- A Discord button carries its command in a custom id of at most 100 characters; a longer command is kept here under
-- a short key. In the database, not in one replica's memory: the click reaches whichever replica holds the gateway.
create table discord_button_commands (
    key        text        primary key,
    command    text        not null,
    created_at timestamptz not null default now()
);
create index discord_button_commands_by_created_at on discord_button_commands (created_at);
