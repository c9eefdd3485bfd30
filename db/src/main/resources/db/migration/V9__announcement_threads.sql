-- Pull requests and issues are one message per channel, updated in place, with reviews and comments as replies:
-- where each anchored announcement's message went, by platform, channel and anchor key (e.g. github:acme/shop#12).
create table announcement_messages (
    platform    text        not null check (platform in ('console', 'slack', 'discord')),
    channel_id  text        not null,
    anchor_key  text        not null,
    -- Slack's ts, Discord's message id, the console's message id.
    message_ref text        not null,
    posted_at   timestamptz not null default now(),
    primary key (platform, channel_id, anchor_key)
);

-- The console platform edits messages and threads replies as Slack and Discord do. The page polls for what changed
-- after the last change it saw: every insert and every edit takes the next `seq`, so an edited message comes again.
alter table console_messages
    add column parent_id bigint references console_messages (id) on delete cascade,
    add column edited_at timestamptz,
    add column edits     integer not null default 0,
    add column seq       bigint;
create sequence console_messages_seq;
update console_messages set seq = id;
select setval('console_messages_seq', coalesce((select max(id) from console_messages), 0) + 1, false);
alter table console_messages
    alter column seq set default nextval('console_messages_seq'),
    alter column seq set not null;
create index console_messages_by_channel_seq on console_messages (channel, seq);
