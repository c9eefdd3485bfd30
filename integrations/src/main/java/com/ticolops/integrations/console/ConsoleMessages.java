package com.ticolops.integrations.console;

import com.ticolops.integrations.chat.ChatSender;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The console's channels: what was posted to each, kept in PostgreSQL like any platform keeps its history. */
@Component
class ConsoleMessages implements ChatSender {

    private static final String BOT_AUTHOR = "ticolops";
    private static final int PAGE_SIZE = 200;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ConsoleMessages(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Platform platform() {
        return Platform.CONSOLE;
    }

    @Override
    public void post(String channelId, Reply message) {
        jdbc.sql("insert into console_messages (channel, author, text, message) values (?, ?, ?, cast(? as jsonb))")
                .params(channelId, BOT_AUTHOR, message.text(), json.writeValueAsString(message))
                .update();
    }

    /** The newest messages after {@code afterId}, oldest first. */
    List<ConsoleMessage> after(String channel, long afterId) {
        return jdbc.sql("""
                        select id, channel, author, message::text as message, posted_at from (
                            select * from console_messages where channel = ? and id > ? order by id desc limit ?
                        ) newest order by id""")
                .params(channel, afterId, PAGE_SIZE)
                .query((row, n) -> new ConsoleMessage(row.getLong("id"), row.getString("channel"), row.getString("author"),
                        json.readValue(row.getString("message"), Reply.class), row.getObject("posted_at", OffsetDateTime.class)))
                .list();
    }

    record ConsoleMessage(long id, String channel, String author, Reply message, OffsetDateTime postedAt) {
    }
}
