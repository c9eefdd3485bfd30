package com.ticolops.integrations.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.ticolops.db.test.SharedTestDatabase;
import com.ticolops.integrations.chat.Reply;
import java.util.List;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class DiscordRepliesTest {

    static final JdbcClient JDBC = migratedTestDatabase();
    final DiscordButtons buttons = new DiscordButtons(JDBC);
    final DiscordReplies replies = new DiscordReplies(buttons);

    @Test
    void aReplyBecomesAnEmbedWithItsTextSectionsInlineFieldsAndButtons() {
        Reply reply = Reply.inChannel("Project shop created by <@123>.").withSection("Next", "/ticolops repo connect github <owner/name>")
                .withField("Role", "admin").withLink("Docs", "https://example.org/docs").withAction("Use shop", "project use shop");

        List<MessageCreateData> messages = replies.render(reply);

        assertThat(messages).hasSize(1);
        MessageEmbed embed = messages.get(0).getEmbeds().get(0);
        assertThat(embed.getDescription()).isEqualTo("Project shop created by <@123>.");
        assertThat(embed.getFields()).extracting(MessageEmbed.Field::getName, MessageEmbed.Field::getValue, MessageEmbed.Field::isInline).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Next", "/ticolops repo connect github <owner/name>", false),
                org.assertj.core.groups.Tuple.tuple("Role", "admin", true));
        List<Button> rendered = buttonsOf(messages.get(0));
        assertThat(rendered).extracting(Button::getLabel).containsExactly("Docs", "Use shop");
        assertThat(rendered.get(0).getUrl()).isEqualTo("https://example.org/docs");
        assertThat(buttons.command(rendered.get(1).getCustomId())).contains("project use shop");
    }

    @Test
    void textLongerThanOneDescriptionContinuesInTheNextEmbedAndNothingIsLost() {
        String line = "a line of about forty characters, twice\n";
        String text = line.repeat(300).strip();

        List<MessageCreateData> messages = replies.render(Reply.privately(text));

        assertThat(allEmbeds(messages)).allSatisfy(embed -> assertThat(embed.getDescription()).hasSizeLessThanOrEqualTo(4096));
        assertThat(allEmbeds(messages)).hasSizeGreaterThan(2);
        assertThat(allEmbeds(messages).stream().map(MessageEmbed::getDescription).collect(Collectors.joining("\n"))).isEqualTo(text);
        assertWithinLimits(messages);
    }

    @Test
    void aLongSectionIsSplitIntoContinuedFieldsOf1024Characters() {
        String body = "word ".repeat(500).strip();

        List<MessageCreateData> messages = replies.render(Reply.privately("Members").withSection("Everyone", body));

        List<MessageEmbed.Field> fields = allEmbeds(messages).stream().flatMap(e -> e.getFields().stream()).toList();
        assertThat(fields).hasSizeGreaterThan(2).allSatisfy(field -> assertThat(field.getValue()).hasSizeLessThanOrEqualTo(1024));
        assertThat(fields.get(0).getName()).isEqualTo("Everyone");
        assertThat(fields.get(1).getName()).isEqualTo("Everyone (continued)");
        assertThat(fields.stream().map(MessageEmbed.Field::getValue).collect(Collectors.joining(" "))).isEqualTo(body);
    }

    @Test
    void moreThan25FieldsOr6000CharactersGoIntoFurtherEmbedsAndMessages() {
        Reply reply = Reply.privately("Status");
        for (int i = 0; i < 60; i++) {
            reply = reply.withField("Repository " + i, "x".repeat(300));
        }

        List<MessageCreateData> messages = replies.render(reply);

        assertThat(allEmbeds(messages).stream().mapToLong(e -> e.getFields().size()).sum()).isEqualTo(60);
        assertThat(messages).hasSizeGreaterThan(1);
        assertWithinLimits(messages);
    }

    @Test
    void moreThan25ButtonsContinueInAnotherMessageFiveToARow() {
        Reply reply = Reply.privately("Pick one");
        for (int i = 0; i < 27; i++) {
            reply = reply.withAction("Use p" + i, "project use p" + i);
        }

        List<MessageCreateData> messages = replies.render(reply);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).getComponents()).hasSize(5);
        assertThat(buttonsOf(messages.get(0))).hasSize(25);
        assertThat(buttonsOf(messages.get(1))).extracting(Button::getLabel).containsExactly("Use p25", "Use p26");
    }

    @Test
    void aCommandTooLongForACustomIdIsKeptUnderAShortKey() {
        String command = "decision " + "x".repeat(120);

        Button button = buttonsOf(replies.render(Reply.privately("Decide").withAction("Record", command)).get(0)).get(0);

        assertThat(button.getCustomId()).hasSizeLessThanOrEqualTo(100);
        assertThat(buttons.command(button.getCustomId())).contains(command);
    }

    @Test
    void aLongCommandPostedByOneReplicaIsFoundByTheOneTheClickReaches() {
        String command = "decision " + "y".repeat(120);

        String customId = new DiscordButtons(JDBC).customId(command);

        assertThat(new DiscordButtons(JDBC).command(customId)).contains(command);
    }

    @Test
    void anUnknownOrExpiredKeyIsReportedAsExpiredRatherThanGuessed() {
        String expired = buttons.customId("decision " + "a".repeat(120));
        JDBC.sql("update discord_button_commands set created_at = now() - interval '91 days' where key = ?").param(expired.substring(4)).update();

        assertThat(buttons.command(expired)).isEmpty();
        assertThat(buttons.command("key:000000000000000000000000")).isEmpty();
    }

    @Test
    void splittingPrefersLineBreaksThenSpaces() {
        assertThat(DiscordReplies.split("alpha beta\ngamma", 12)).containsExactly("alpha beta", "gamma");
        assertThat(DiscordReplies.split("alpha beta gamma", 12)).containsExactly("alpha beta", "gamma");
        assertThat(DiscordReplies.split("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
    }

    private static List<MessageEmbed> allEmbeds(List<MessageCreateData> messages) {
        return messages.stream().flatMap(m -> m.getEmbeds().stream()).toList();
    }

    private static List<Button> buttonsOf(MessageCreateData message) {
        return message.getComponents().stream().flatMap(c -> ((ActionRow) c).getButtons().stream()).toList();
    }

    private static void assertWithinLimits(List<MessageCreateData> messages) {
        for (MessageCreateData message : messages) {
            assertThat(message.getEmbeds()).hasSizeLessThanOrEqualTo(10);
            assertThat(message.getEmbeds().stream().mapToInt(MessageEmbed::getLength).sum()).isLessThanOrEqualTo(6000);
            message.getEmbeds().forEach(embed -> assertThat(embed.getFields()).hasSizeLessThanOrEqualTo(25));
        }
    }

    /** The shared test PostgreSQL with the schema migrated (Flyway, the db module's migrations), as the application has it. */
    private static JdbcClient migratedTestDatabase() {
        Flyway.configure().dataSource(SharedTestDatabase.jdbcUrl(), SharedTestDatabase.username(), "").load().migrate();
        return JdbcClient.create(new DriverManagerDataSource(SharedTestDatabase.jdbcUrl(), SharedTestDatabase.username(), ""));
    }
}
