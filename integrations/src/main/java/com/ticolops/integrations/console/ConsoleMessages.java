package com.ticolops.integrations.console;

import com.ticolops.integrations.chat.ChatSender;
import com.ticolops.integrations.chat.MessageNotFoundException;
import com.ticolops.integrations.chat.Platform;
import com.ticolops.integrations.chat.Reply;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's channels: what was posted to each, kept in PostgreSQL like any platform keeps its history. Messages
 * are edited in place and replies hang under their parent, as on Slack. Every post and every edit takes the next
 * {@code seq}, so a reader polling for changes after the last {@code seq} it saw gets new and edited messages alike.
 * Writes to one channel take its lock first, held until they commit: seqs then become visible in the order they were
 * drawn, and a reader can never see seq 8 while seq 7 is still uncommitted and so skip it for good.
 * <p>
 * An announcement's message is keyed by the announcement's id: the registry delivers an announcement again when the
 * process died after the message committed but before the delivery was marked complete, and the second delivery finds
 * the first one's message instead of posting another. The console is exactly once.
 */
@Component
class ConsoleMessages implements ChatSender {

    private static final String BOT_AUTHOR = "ticolops";
    private static final int PAGE_SIZE = 200;
    /** Takes the channel's lock in the same statement as the write, so it holds even without a surrounding transaction. */
    private static final String CHANNEL_LOCK = "with channel_lock as (select pg_advisory_xact_lock(hashtext('console:' || ?)))\n";

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
    public String post(String channelId, Reply message) {
        return insert(channelId, null, message, null);
    }

    @Override
    public String post(String channelId, Reply message, UUID announcementId) {
        return insert(channelId, null, message, announcementId);
    }

    @Override
    public void update(String channelId, String messageRef, Reply message) {
        int updated = jdbc.sql(CHANNEL_LOCK + """
                        update console_messages set text = ?, message = cast(? as jsonb), edited_at = now(), edits = edits + 1,
                            seq = nextval('console_messages_seq')
                        from channel_lock where id = ? and channel = ?""")
                .params(channelId, message.text(), json.writeValueAsString(message), id(messageRef), channelId)
                .update();
        if (updated == 0) {
            throw new MessageNotFoundException("no console message " + messageRef + " in " + channelId);
        }
    }

    @Override
    public String reply(String channelId, String parentRef, Reply message) {
        return reply(channelId, parentRef, message, null);
    }

    @Override
    public String reply(String channelId, String parentRef, Reply message, UUID announcementId) {
        long parent = id(parentRef);
        boolean exists = jdbc.sql("select count(*) from console_messages where id = ? and channel = ?").params(parent, channelId)
                .query(Integer.class).single() > 0;
        if (!exists) {
            throw new MessageNotFoundException("no console message " + parentRef + " in " + channelId);
        }
        return insert(channelId, parent, message, announcementId);
    }

    /** @param announcementId null for a message that is not an announcement's (a command's reply) */
    private String insert(String channelId, Long parentId, Reply message, UUID announcementId) {
        Long id = jdbc.sql(CHANNEL_LOCK + """
                        insert into console_messages (channel, author, text, message, parent_id, announcement_id)
                        select cast(? as text), cast(? as text), cast(? as text), cast(? as jsonb), cast(? as bigint), cast(? as uuid)
                        from channel_lock
                        on conflict (announcement_id) do nothing returning id""")
                .params(channelId, channelId, BOT_AUTHOR, message.text(), json.writeValueAsString(message), parentId, announcementId)
                .query(Long.class).optional()
                // Delivered before: the insert waited for the earlier delivery's row to commit, so it is there to find.
                .orElseGet(() -> jdbc.sql("select id from console_messages where announcement_id = ?").param(announcementId)
                        .query(Long.class).single());
        return Long.toString(id);
    }

    private static long id(String messageRef) {
        try {
            return Long.parseLong(messageRef);
        } catch (NumberFormatException e) {
            throw new MessageNotFoundException("`" + messageRef + "` is not a console message id", e);
        }
    }

    /** The newest messages posted or edited after change {@code afterSeq}, in the order of their last change. */
    List<ConsoleMessage> after(String channel, long afterSeq) {
        return jdbc.sql("""
                        select id, seq, channel, author, parent_id, message::text as message, posted_at, edited_at, edits from (
                            select * from console_messages where channel = ? and seq > ? order by seq desc limit ?
                        ) newest order by seq""")
                .params(channel, afterSeq, PAGE_SIZE)
                .query((row, n) -> new ConsoleMessage(row.getLong("id"), row.getLong("seq"), row.getString("channel"), row.getString("author"),
                        row.getObject("parent_id", Long.class), json.readValue(row.getString("message"), Reply.class),
                        row.getObject("posted_at", OffsetDateTime.class), row.getObject("edited_at", OffsetDateTime.class), row.getInt("edits")))
                .list();
    }

    /**
     * @param seq      the message's last change; the page asks for changes after the greatest it has seen
     * @param parentId the message this one replies to, or null
     * @param editedAt when it was last edited, or null
     * @param edits    how many times it was edited
     */
    record ConsoleMessage(long id, long seq, String channel, String author, Long parentId, Reply message, OffsetDateTime postedAt,
                          OffsetDateTime editedAt, int edits) {
    }
}
